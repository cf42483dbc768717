package net.homeagent.mip.codec.mip6;

/**
 * RFC 6275 counts binding lifetimes (§6.1.7, §6.1.8) and the refresh interval (§6.2.4) in
 * 16-bit fields of 4-second units; the records keep the wire value and offer seconds beside it.
 */
public final class FourSecondUnits {
    /** Seconds in one unit. */
    public static final int UNIT_SECONDS = 4;
    /** The largest value of the 16-bit field: 262,140 seconds. */
    public static final int MAX_UNITS = 0xffff;

    private FourSecondUnits() {
    }

    public static long toSeconds(int units) {
        return (long) units * UNIT_SECONDS;
    }

    /**
     * The units a sender writes for {@code seconds}: rounded down, since a lifetime granted must
     * not exceed the one asked for (§9.5.1, §10.3.1); more than {@link #MAX_UNITS} is clamped.
     */
    public static int fromSeconds(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("negative duration " + seconds + " s");
        }
        return (int) Math.min(seconds / UNIT_SECONDS, MAX_UNITS);
    }

    static int check(int units, String field) {
        if (units < 0 || units > MAX_UNITS) {
            throw new IllegalArgumentException(field + " " + units + " does not fit 16 unsigned bits");
        }
        return units;
    }
}
