package net.homeagent.mimmclient.manager;

/**
 * The five signal thresholds of the multi-interface mobility management design (docs/mimm.md
 * "Client: thresholds"), dBm, applied to a link's averaged signal:
 *
 * @param available     at or above it a link that was inactive becomes usable again (a candidate of last resort)
 * @param active        at or above it a link may be handed off to
 * @param stable        at or above it a link is good enough to leave a working link for (a better link)
 * @param deteriorating below it the link in use is failing: the manager looks for another, make-before-break
 * @param inactive      below it (averaged, or a single raw sample) a link is unusable: the manager leaves it at once
 *                      <p>The gaps are the hysteresis: a link lost below {@code inactive} counts again only from
 *                      {@code available}, one failing below {@code deteriorating} is a target again only from
 *                      {@code active}. All five equal is a single threshold without hysteresis (the simulation's
 *                      baseline).
 */
public record Thresholds(int available, int active, int stable, int deteriorating, int inactive) {

    public Thresholds {
        if (!(inactive <= available && available <= active && active <= stable
                && inactive <= deteriorating && deteriorating <= active)) {
            throw new IllegalArgumentException("thresholds must satisfy inactive <= available <= active <= stable and "
                    + "inactive <= deteriorating <= active: " + describe(available, active, stable, deteriorating,
                            inactive));
        }
    }

    /** One threshold for everything: usable at or above it, unusable below, no hysteresis. */
    public static Thresholds single(int dbm) {
        return new Thresholds(dbm, dbm, dbm, dbm, dbm);
    }

    /** Reads {@code available,active,stable,deteriorating,inactive} (dBm, comma separated). */
    public static Thresholds parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 5) {
            throw new IllegalArgumentException("thresholds are available,active,stable,deteriorating,inactive (dBm), not '"
                    + text + "'");
        }
        int[] values = new int[5];
        for (int i = 0; i < 5; i++) {
            try {
                values[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threshold '" + parts[i].strip() + "' is not a whole number of dBm");
            }
        }
        return new Thresholds(values[0], values[1], values[2], values[3], values[4]);
    }

    @Override
    public String toString() {
        return describe(available, active, stable, deteriorating, inactive);
    }

    private static String describe(int available, int active, int stable, int deteriorating, int inactive) {
        return "available " + available + ", active " + active + ", stable " + stable + ", deteriorating "
                + deteriorating + ", inactive " + inactive + " dBm";
    }
}
