package net.homeagent.loadgen;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import net.homeagent.mip.codec.ReplyCode;

/**
 * What one measured run saw: per request kind the requests sent and how each ended (accepted,
 * refused, timed out: they add up to the sent ones once the run has drained), replies by code,
 * late and mismatched replies, undecodable replies, sends skipped for want of an idle node, and
 * the latency of matched replies (from the intended send time) and this client's send lag in
 * HdrHistograms. Counts only requests intended after the warm-up, except the replies a mobile
 * node would discard ({@link ReplyVerifier.Verdict}) and echoes in a home agent run, which are
 * counted over the whole run: one is one too many. Written on the client's event loop only.
 */
final class RunCounts {

    /** The pseudo reply code of an echoed request (baseline runs). */
    static final int ECHO = 256;

    final String name;
    final long[] sentByKind = new long[RequestKind.values().length];
    /** Requests answered by a verified accepting reply (or, in the baseline, by their echo). */
    final long[] acceptedByKind = new long[RequestKind.values().length];
    /** Requests answered by a refusal, verified or not ({@link #unverifiedRefusals}). */
    final long[] refusedByKind = new long[RequestKind.values().length];
    final long[] timedOutByKind = new long[RequestKind.values().length];
    /** Replies a mobile node silently discards, by why (whole run). */
    final long[] discardedByVerdict = new long[ReplyVerifier.Verdict.values().length];
    final long[] repliesByCode = new long[ECHO + 1];
    final Histogram latencyNanos = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    /**
     * How late this client sent each request after its intended time (open loop: the pacer's
     * wake-up and the event loop's queue). Part of every latency above; shown apart so that the
     * load generator's own lateness is not blamed on the target.
     */
    final Histogram sendLagNanos = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    long timeouts;
    /** Refusals counted by code that carried no MN-HA extension to verify them with. */
    long unverifiedRefusals;
    /** Requests that came back unchanged in a run against a home agent (whole run). */
    long echoes;
    long late;
    long mismatched;
    long malformed;
    long notSent;
    long sendFailures;
    double measuredSeconds;
    /** Every request sent, the warm-up's too, and this process's CPU time over the whole run. */
    long sentInRun;
    long cpuNanos;
    /** What was loaded: the echo baseline's address and settings, or the home agent's address. */
    String target = "";
    /** The target process's CPU time over the run, -1 when not known (an external echo, no --appliance-pid). */
    long targetCpuNanos = -1;

    RunCounts(String name) {
        this.name = name;
    }

    long sent() {
        long total = 0;
        for (long n : sentByKind) {
            total += n;
        }
        return total;
    }

    long replies() {
        long total = 0;
        for (long n : repliesByCode) {
            total += n;
        }
        return total;
    }

    /**
     * Verified replies that accept (codes 0 and 1, RFC 5944 §3.4), or verified echoes in a
     * baseline run.
     */
    long accepted() {
        return repliesByCode[ReplyCode.ACCEPTED] + repliesByCode[ReplyCode.ACCEPTED_NO_SIMULTANEOUS]
                + repliesByCode[ECHO];
    }

    /** Replies a mobile node would have discarded, of every kind. */
    long discarded() {
        long total = 0;
        for (long n : discardedByVerdict) {
            total += n;
        }
        return total;
    }

    double perSecond(long count) {
        return measuredSeconds > 0 ? count / measuredSeconds : 0;
    }

    double repliesPerSecond() {
        return perSecond(replies());
    }

    double acceptedPerSecond() {
        return perSecond(accepted());
    }

    /**
     * This process's CPU time per request sent, over the whole run (warm-up included), in
     * microseconds: what the load generator takes of the cores it shares with the target (with
     * the HMAC-MD5 of every request and of every reply it verifies).
     */
    double cpuMicrosPerRequest() {
        return sentInRun > 0 ? cpuNanos / 1e3 / sentInRun : 0;
    }

    /** The target's CPU time per request sent, in microseconds; -1 when not known. */
    double targetCpuMicrosPerRequest() {
        return targetCpuNanos >= 0 && sentInRun > 0 ? targetCpuNanos / 1e3 / sentInRun : -1;
    }

    static String codeLabel(int code) {
        return code == ECHO ? "echo" : Integer.toString(code);
    }
}
