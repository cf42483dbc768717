package net.homeagent.loadgen;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.HdrHistogram.Histogram;

import net.homeagent.mip.codec.ReplyCode;

/**
 * Prints runs as a human table and as one JSON line (latencies in microseconds). The JSON keeps
 * every field it had before issue 17 (their meaning: only verified replies are accepted) and
 * adds {@code kinds}, {@code discarded}, {@code unverifiedRefusals}, {@code echoes}.
 */
final class RunReport {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    /** Widths of the human table's label column and of each run's column. */
    private static final int LABEL = 28;
    private static final int CELL = 20;

    private RunReport() {
    }

    static String table(LoadOptions options, RunFacts facts, List<RunCounts> runs, Optional<Double> ratio) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "machine: %s, %d cores, %s%n", facts.cpuModel(), facts.cores(), facts.jdk()));
        sb.append(String.format(Locale.ROOT, "load average before %s, after %s%n", facts.loadBefore(), facts.loadAfter()));
        sb.append(String.format(Locale.ROOT, "cores: %s%n", facts.pinning()));
        sb.append(String.format(Locale.ROOT, "client sockets: %s%n", facts.clientTransport()));
        runs.forEach(r -> sb.append(r.name).append(": ").append(r.target).append('\n'));
        sb.append(String.format(Locale.ROOT, "mode %s, %s, %d nodes, mix %s, %d s measured after %d s warm-up%n",
                options.closedLoop() ? "closed" : "open", options.closedLoop() ? "window " + options.window()
                        : "rate " + options.rate() + "/s, pacer " + (options.spinPacer() ? "spin" : "park"), options.nodes(), options.mixText(),
                options.durationSeconds(), options.warmupSeconds()));
        if (options.sockets() > 1) {
            sb.append(options.sockets()).append(" client sockets\n");
        }
        sb.append(String.format(Locale.ROOT, "%-" + LABEL + "s", ""));
        runs.forEach(r -> sb.append(String.format(Locale.ROOT, "%" + CELL + "s", r.name)));
        sb.append('\n');
        byKind(sb, "sent", runs, r -> r.sentByKind);
        byKind(sb, "accepted (verified)", runs, r -> r.acceptedByKind);
        byKind(sb, "refused", runs, r -> r.refusedByKind);
        byKind(sb, "timed out", runs, r -> r.timedOutByKind);
        for (int code = 0; code <= RunCounts.ECHO; code++) {
            int c = code;
            if (runs.stream().anyMatch(r -> r.repliesByCode[c] > 0)) {
                String label = c == RunCounts.ECHO ? "echo" : c + " " + ReplyCode.describe(c);
                row(sb, "reply " + (label.length() > 16 ? label.substring(0, 16) : label), runs,
                        r -> Long.toString(r.repliesByCode[c]));
            }
        }
        row(sb, "  unverified refusals", runs, r -> Long.toString(r.unverifiedRefusals));
        for (ReplyVerifier.Verdict verdict : ReplyVerifier.Verdict.values()) {
            if (verdict.discarded()) {
                row(sb, "discarded " + verdict.label(), runs, r -> Long.toString(r.discardedByVerdict[verdict.ordinal()]));
            }
        }
        if (runs.stream().anyMatch(r -> r.echoes > 0)) {
            row(sb, "ECHOED (not a HA)", runs, r -> Long.toString(r.echoes));
        }
        row(sb, "late replies", runs, r -> Long.toString(r.late));
        row(sb, "mismatched", runs, r -> Long.toString(r.mismatched));
        row(sb, "undecodable", runs, r -> Long.toString(r.malformed));
        row(sb, "not sent (no idle)", runs, r -> Long.toString(r.notSent));
        row(sb, "send failures", runs, r -> Long.toString(r.sendFailures));
        row(sb, "replies/s", runs, r -> String.format(Locale.ROOT, "%.0f", r.repliesPerSecond()));
        row(sb, "accepted/s", runs, r -> String.format(Locale.ROOT, "%.0f", r.acceptedPerSecond()));
        for (double p : PERCENTILES) {
            row(sb, "latency p" + trim(p) + " us", runs, r -> micros(r.latencyNanos, p));
        }
        row(sb, "latency max us", runs, r -> String.format(Locale.ROOT, "%.1f", r.latencyNanos.getMaxValue() / 1e3));
        row(sb, "send lag p50 us", runs, r -> micros(r.sendLagNanos, 50));
        row(sb, "send lag p99 us", runs, r -> micros(r.sendLagNanos, 99));
        row(sb, "client CPU us/request", runs, r -> String.format(Locale.ROOT, "%.2f", r.cpuMicrosPerRequest()));
        row(sb, "target CPU us/request", runs, r -> r.targetCpuNanos < 0 ? "unknown"
                : String.format(Locale.ROOT, "%.2f", r.targetCpuMicrosPerRequest()));
        ratio.ifPresent(x -> sb.append(String.format(Locale.ROOT,
                "ratio to the batched echo baseline (verified accepted/s over echoed/s): %.3f%n", x)));
        return sb.toString();
    }

    static String json(LoadOptions options, RunFacts facts, List<RunCounts> runs, Optional<Double> ratio) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"mode\":\"").append(options.closedLoop() ? "closed" : "open").append('"');
        sb.append(",\"window\":").append(options.window()).append(",\"rate\":").append(options.rate());
        sb.append(",\"pacer\":\"").append(options.spinPacer() ? "spin" : "park").append('"');
        sb.append(",\"nodes\":").append(options.nodes()).append(",\"mix\":\"").append(options.mixText()).append('"');
        sb.append(",\"durationSeconds\":").append(options.durationSeconds()).append(",\"sockets\":")
                .append(options.sockets());
        sb.append(",\"machine\":{\"cpuModel\":").append(quoted(facts.cpuModel())).append(",\"cores\":")
                .append(facts.cores()).append(",\"jdk\":").append(quoted(facts.jdk())).append(",\"loadAverageBefore\":")
                .append(quoted(facts.loadBefore())).append(",\"loadAverageAfter\":").append(quoted(facts.loadAfter()))
                .append(",\"generatorCpus\":").append(quoted(facts.generatorCpus())).append(",\"applianceCpus\":")
                .append(facts.applianceCpus().map(RunReport::quoted).orElse("null")).append(",\"pinning\":")
                .append(quoted(facts.pinning())).append(",\"clientTransport\":").append(quoted(facts.clientTransport()))
                .append('}');
        sb.append(",\"runs\":{");
        for (int i = 0; i < runs.size(); i++) {
            RunCounts r = runs.get(i);
            sb.append(i == 0 ? "" : ",").append('"').append(r.name).append("\":{");
            sb.append("\"target\":").append(quoted(r.target)).append(",\"sent\":").append(r.sent());
            for (RequestKind kind : RequestKind.values()) {
                sb.append(",\"sent_").append(kind.label()).append("\":").append(r.sentByKind[kind.ordinal()]);
            }
            sb.append(",\"kinds\":{");
            for (RequestKind kind : RequestKind.values()) {
                int k = kind.ordinal();
                sb.append(k == 0 ? "" : ",").append('"').append(kind.label()).append("\":{");
                sb.append(countAndRate("sent", r, r.sentByKind[k])).append(',')
                        .append(countAndRate("accepted", r, r.acceptedByKind[k])).append(',')
                        .append(countAndRate("refused", r, r.refusedByKind[k])).append(',')
                        .append(countAndRate("timedOut", r, r.timedOutByKind[k])).append('}');
            }
            sb.append("},\"discarded\":{");
            boolean firstVerdict = true;
            for (ReplyVerifier.Verdict verdict : ReplyVerifier.Verdict.values()) {
                if (verdict.discarded()) {
                    sb.append(firstVerdict ? "" : ",").append('"').append(camel(verdict.label())).append("\":")
                            .append(r.discardedByVerdict[verdict.ordinal()]);
                    firstVerdict = false;
                }
            }
            sb.append("},\"unverifiedRefusals\":").append(r.unverifiedRefusals).append(",\"echoes\":")
                    .append(r.echoes);
            sb.append(",\"replies\":{");
            boolean first = true;
            for (int code = 0; code <= RunCounts.ECHO; code++) {
                if (r.repliesByCode[code] > 0) {
                    sb.append(first ? "" : ",").append('"').append(RunCounts.codeLabel(code)).append("\":")
                            .append(r.repliesByCode[code]);
                    first = false;
                }
            }
            sb.append("},\"timeouts\":").append(r.timeouts).append(",\"late\":").append(r.late)
                    .append(",\"mismatched\":").append(r.mismatched).append(",\"undecodable\":").append(r.malformed)
                    .append(",\"notSent\":").append(r.notSent).append(",\"sendFailures\":").append(r.sendFailures)
                    .append(String.format(Locale.ROOT, ",\"repliesPerSecond\":%.1f,\"acceptedPerSecond\":%.1f",
                            r.repliesPerSecond(), r.acceptedPerSecond()))
                    .append(",\"latencyMicros\":{");
            for (double p : PERCENTILES) {
                sb.append("\"p").append(trim(p)).append("\":").append(micros(r.latencyNanos, p)).append(',');
            }
            sb.append(String.format(Locale.ROOT, "\"max\":%.1f}", r.latencyNanos.getMaxValue() / 1e3));
            sb.append(",\"sendLagMicros\":{\"p50\":").append(micros(r.sendLagNanos, 50)).append(",\"p99\":")
                    .append(micros(r.sendLagNanos, 99)).append('}')
                    .append(String.format(Locale.ROOT, ",\"clientCpuMicrosPerRequest\":%.2f", r.cpuMicrosPerRequest()))
                    .append(",\"targetCpuMicrosPerRequest\":").append(r.targetCpuNanos < 0 ? "null"
                            : String.format(Locale.ROOT, "%.2f", r.targetCpuMicrosPerRequest())).append('}');
        }
        sb.append('}');
        ratio.ifPresent(x -> sb.append(String.format(Locale.ROOT, ",\"ratioToEcho\":%.4f", x)));
        return sb.append('}').toString();
    }

    /** A JSON string; the facts come from /proc and system properties, so only quotes and backslashes are escaped. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String countAndRate(String name, RunCounts run, long count) {
        return String.format(Locale.ROOT, "\"%s\":%d,\"%sPerSecond\":%.1f", name, count, name, run.perSecond(count));
    }

    /** "wrong SPI" -> "wrongSpi": the JSON key of a label. */
    private static String camel(String label) {
        StringBuilder sb = new StringBuilder();
        String[] words = label.split(" ");
        for (int i = 0; i < words.length; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            sb.append(i == 0 ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return sb.toString();
    }

    /** A total row, then per kind the count and its rate over the measured seconds. */
    private static void byKind(StringBuilder sb, String label, List<RunCounts> runs, Function<RunCounts, long[]> counts) {
        row(sb, label, runs, r -> Long.toString(Arrays.stream(counts.apply(r)).sum()));
        for (RequestKind kind : RequestKind.values()) {
            row(sb, "  " + kind.label(), runs, r -> {
                long n = counts.apply(r)[kind.ordinal()];
                return String.format(Locale.ROOT, "%d (%.0f/s)", n, r.perSecond(n));
            });
        }
    }

    private interface Cell {
        String of(RunCounts run);
    }

    private static void row(StringBuilder sb, String label, List<RunCounts> runs, Cell cell) {
        sb.append(String.format(Locale.ROOT, "%-" + LABEL + "s", label));
        runs.forEach(r -> sb.append(String.format(Locale.ROOT, "%" + CELL + "s", cell.of(r))));
        sb.append('\n');
    }

    private static String micros(Histogram h, double percentile) {
        return String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1e3);
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
