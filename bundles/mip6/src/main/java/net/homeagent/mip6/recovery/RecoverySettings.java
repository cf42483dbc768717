package net.homeagent.mip6.recovery;

/**
 * How binding recovery paces itself.
 *
 * @param requestsPerSecond     Binding Refresh Requests sent per second on average (the node's own
 *                              budget: neither it nor the access networks are flooded)
 * @param prefixSpacingMillis   least time between two requests to one care-of prefix, a hard floor
 *                              (0: none)
 * @param jitter                each gap between two requests is 1 / rate times a factor drawn
 *                              uniformly from [1 - jitter, 1 + jitter] (0 &lt;= jitter &lt; 1), so the
 *                              mean rate is the configured one and requests do not beat in step
 *                              with the mobiles' own timers
 * @param responseTimeoutMillis how long a mobile node has to answer the first request; doubled for
 *                              each retry
 * @param attempts              requests per mobile node (1 = no retry); silence after the last one's
 *                              timer deletes the entry
 * @param prefixLength          bits of the care-of address that name its access network (1..64)
 * @param lookAhead             how far down the order the pacer looks for an entry whose prefix is
 *                              past its spacing when the next one's is not (1: no look-ahead)
 */
public record RecoverySettings(double requestsPerSecond, long prefixSpacingMillis, double jitter,
        long responseTimeoutMillis, int attempts, int prefixLength, int lookAhead) {

    public RecoverySettings {
        if (!(requestsPerSecond > 0) || requestsPerSecond > 1_000_000) {
            throw new IllegalArgumentException("requestsPerSecond out of (0, 1000000]: " + requestsPerSecond);
        }
        if (prefixSpacingMillis < 0) {
            throw new IllegalArgumentException("negative prefixSpacingMillis: " + prefixSpacingMillis);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter out of [0, 1): " + jitter);
        }
        if (responseTimeoutMillis < 1) {
            throw new IllegalArgumentException("responseTimeoutMillis below 1: " + responseTimeoutMillis);
        }
        if (attempts < 1 || attempts > 16) {
            throw new IllegalArgumentException("attempts out of 1..16: " + attempts);
        }
        if (prefixLength < 1 || prefixLength > CareOfPrefix.MAX_LENGTH) {
            throw new IllegalArgumentException("prefixLength out of 1..64: " + prefixLength);
        }
        if (lookAhead < 1) {
            throw new IllegalArgumentException("lookAhead below 1: " + lookAhead);
        }
    }

    /** The mean gap between two requests, in milliseconds. */
    double intervalMillis() {
        return 1000.0 / requestsPerSecond;
    }

    /** The timer of the {@code attempt}-th request (1-based): the timeout doubled per retry. */
    long timeoutMillis(int attempt) {
        return responseTimeoutMillis << (attempt - 1);
    }
}
