package net.homeagent.mimm.reactive;

import java.time.Duration;
import java.time.Instant;

/**
 * The pace of reactive advice: {@code rate} datagrams a second on average, at most {@code burst} at
 * once, so that an alert over 100,000 mobiles is spread over time instead of leaving as one burst
 * that the network (the very one in trouble) and the mobiles' links would drop. Not thread-safe:
 * the pusher calls it under its lock.
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private Instant last;

    TokenBucket(int ratePerSecond, int burst, Instant start) {
        if (ratePerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("pushRate and pushBurst must be >= 1: " + ratePerSecond + ", " + burst);
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = start;
    }

    /** Takes one token if there is one now. */
    boolean take(Instant now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void refill(Instant now) {
        if (now.isAfter(last)) {
            long nanos = Duration.between(last, now).toNanos();
            tokens = Math.min(burst, tokens + nanos * ratePerNano);
            last = now;
        }
    }
}
