package net.homeagent.mimmclient.monitor;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;

/**
 * Signal traces as CSV, one sample a line: {@code time_ms,interface,signal_dbm,up} (time in
 * milliseconds from the start of the trace, signal in dBm -128..127, up {@code 1}/{@code 0} or
 * {@code true}/{@code false}). Lines of one time form one {@link Observation}; a line starting with
 * {@code #} and the header line {@code time_ms,...} are comments. A line with another shape, a value
 * out of range or a time earlier than the line before is skipped and counted ({@code trace-malformed}).
 */
public final class TraceFile {

    public static final String HEADER = "time_ms,interface,signal_dbm,up";
    static final String MALFORMED = "trace-malformed";

    private final Counters counters;
    private final RateLimitedLog log;

    public TraceFile(Counters counters, RateLimitedLog log) {
        this.counters = counters;
        this.log = log;
    }

    public Trace read(List<String> lines) {
        List<Observation> observations = new ArrayList<>();
        List<LinkSample> current = new ArrayList<>();
        long currentTime = Long.MIN_VALUE;
        int malformed = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals(HEADER)) {
                continue;
            }
            String[] fields = line.split(",", -1);
            String problem = problem(fields, currentTime);
            if (problem != null) {
                malformed++;
                counters.increment(MALFORMED);
                log.warn(MALFORMED, "trace line " + (i + 1) + " skipped (" + problem + "): '" + line + "'");
                continue;
            }
            long time = Long.parseLong(fields[0].strip());
            if (time != currentTime && !current.isEmpty()) {
                observations.add(new Observation(Instant.ofEpochMilli(currentTime), current));
                current = new ArrayList<>();
            }
            currentTime = time;
            current.add(new LinkSample(fields[1].strip(), Integer.parseInt(fields[2].strip()), up(fields[3])));
        }
        if (!current.isEmpty()) {
            observations.add(new Observation(Instant.ofEpochMilli(currentTime), current));
        }
        return new Trace(observations, malformed);
    }

    /** Writes {@code trace} in the format {@link #read} reads, times relative to its first observation. */
    public static void write(Trace trace, Writer out) throws IOException {
        out.write(HEADER + "\n");
        if (trace.observations().isEmpty()) {
            return;
        }
        long start = trace.observations().get(0).time().toEpochMilli();
        for (Observation observation : trace.observations()) {
            for (LinkSample sample : observation.links()) {
                out.write((observation.time().toEpochMilli() - start) + "," + sample.iface() + ","
                        + sample.signalDbm() + "," + (sample.up() ? 1 : 0) + "\n");
            }
        }
    }

    /** Why the line cannot be read, or null. */
    private static String problem(String[] fields, long previousTime) {
        if (fields.length != 4) {
            return fields.length + " fields, 4 expected";
        }
        long time;
        int signal;
        try {
            time = Long.parseLong(fields[0].strip());
            signal = Integer.parseInt(fields[2].strip());
        } catch (NumberFormatException e) {
            return "time or signal not a number";
        }
        if (time < 0 || time < previousTime) {
            return "time " + time + " before the line before";
        }
        if (fields[1].isBlank()) {
            return "no interface";
        }
        if (signal < Byte.MIN_VALUE || signal > Byte.MAX_VALUE) {
            return "signal " + signal + " dBm out of -128..127";
        }
        String up = fields[3].strip().toLowerCase(Locale.ROOT);
        if (!up.equals("1") && !up.equals("0") && !up.equals("true") && !up.equals("false")) {
            return "link state '" + fields[3].strip() + "' is not 1, 0, true or false";
        }
        return null;
    }

    private static boolean up(String field) {
        String value = field.strip().toLowerCase(Locale.ROOT);
        return value.equals("1") || value.equals("true");
    }
}
