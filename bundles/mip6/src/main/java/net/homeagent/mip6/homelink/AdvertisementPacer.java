package net.homeagent.mip6.homelink;

import java.util.function.LongSupplier;

/**
 * Spreads the home link's Neighbor Advertisements over time: after a restart with a large restored
 * cache, or a burst of registrations, every home address is proxied at once, and three
 * advertisements each in the same instant would flood the link and every neighbour's Neighbor
 * Discovery (RFC 4861 §7.2.6 asks a node to avoid exactly that for its own addresses). Each send
 * reserves the next free slot at the configured rate; the delay to it is what the caller waits.
 */
final class AdvertisementPacer {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long nextSlotNanos;

    /** @param perSecond advertisements a second at most (more than 0) */
    AdvertisementPacer(double perSecond, LongSupplier nanoClock) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("homeLinkAdvertisementRate must be more than 0, not " + perSecond);
        }
        this.intervalNanos = Math.max(1, Math.round(1e9 / perSecond));
        this.nanoClock = nanoClock;
        this.nextSlotNanos = nanoClock.getAsLong();
    }

    /** Reserves the next slot: milliseconds from now until it (0: now). Called on one thread. */
    long reserveMillis() {
        long now = nanoClock.getAsLong();
        long slot = Math.max(now, nextSlotNanos);
        nextSlotNanos = slot + intervalNanos;
        return (slot - now) / 1_000_000;
    }
}
