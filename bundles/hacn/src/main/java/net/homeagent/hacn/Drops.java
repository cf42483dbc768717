package net.homeagent.hacn;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;

import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * What a peer sent that is not used (house rule 5): counted under its reason, and logged at most
 * once in ten seconds per reason, so that a peer sending garbage cannot flood the log.
 */
public final class Drops {

    private final Counters counters;
    private final RateLimitedLog log;

    public Drops(Counters counters, Clock clock, Logger logger) {
        this.counters = counters;
        this.log = new RateLimitedLog(clock, Duration.ofSeconds(10), logger::info);
    }

    /** @param reason the counter's name, also the log's key: a small closed set, never peer data */
    public void drop(String reason, Supplier<String> why) {
        counters.increment(reason);
        log.log(reason, why);
    }
}
