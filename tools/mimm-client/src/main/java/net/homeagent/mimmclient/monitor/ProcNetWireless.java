package net.homeagent.mimmclient.monitor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;

/**
 * Reads the signal level per interface from {@code /proc/net/wireless} (Linux wireless extensions):
 * two header lines, then {@code <iface>: <status> <link>. <level>. <noise>. ...} per wireless
 * interface. The kernel writes the level either as signed dBm or, for drivers that report it as an
 * unsigned octet, as dBm + 256; both are read as dBm. A line that does not have that shape is skipped
 * and counted ({@code wireless-malformed}), never guessed at.
 */
public final class ProcNetWireless {

    static final String MALFORMED = "wireless-malformed";
    private static final int HEADER_LINES = 2;

    private final Counters counters;
    private final RateLimitedLog log;

    public ProcNetWireless(Counters counters, RateLimitedLog log) {
        this.counters = counters;
        this.log = log;
    }

    /** Signal level in dBm by interface name, from the file's lines. */
    public Map<String, Integer> levels(List<String> lines) {
        Map<String, Integer> levels = new HashMap<>();
        for (int i = HEADER_LINES; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            OptionalInt level = colon > 0 ? level(line.substring(colon + 1)) : OptionalInt.empty();
            String name = colon > 0 ? line.substring(0, colon).trim() : "";
            if (level.isEmpty() || name.isEmpty()) {
                counters.increment(MALFORMED);
                log.warn(MALFORMED, "/proc/net/wireless line " + (i + 1) + " skipped: '" + line.strip() + "'");
                continue;
            }
            levels.put(name, level.getAsInt());
        }
        return levels;
    }

    /** The level column (third after the name: status, link quality, level) as dBm. */
    private static OptionalInt level(String columns) {
        String[] fields = columns.trim().split("\\s+");
        if (fields.length < 3) {
            return OptionalInt.empty();
        }
        String text = fields[2].endsWith(".") ? fields[2].substring(0, fields[2].length() - 1) : fields[2];
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
        if (value >= -128 && value <= 0) {
            return OptionalInt.of(value);
        }
        if (value > 0 && value < 256) {
            return OptionalInt.of(value - 256);
        }
        return OptionalInt.empty();
    }
}
