package net.homeagent.mip6.cache;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * One home registration in the binding cache (RFC 6275 §9.1: home address, care-of address,
 * lifetime, the H flag - always set here -, the maximum sequence number received).
 *
 * @param homeAddress     the mobile node's home address, the key of the cache
 * @param careOfAddress   where the mobile node is now (the source of its Binding Update, or its
 *                        Alternate Care-of Address option)
 * @param sequence        the sequence number of the last Binding Update accepted (§9.5.1)
 * @param lifetimeSeconds the lifetime granted (§10.3.1: at most what the mobile asked for)
 * @param expiresAtMillis when it expires, epoch milliseconds
 * @param origin          REGISTERED: accepted from a Binding Update since this start; RESTORED: read
 *                        from the backup, not yet confirmed by the mobile node (binding recovery)
 */
public record Mip6Binding(Inet6Address homeAddress, Inet6Address careOfAddress, int sequence, long lifetimeSeconds,
        long expiresAtMillis, Origin origin) {

    /** Where an entry of the cache comes from. */
    public enum Origin { REGISTERED, RESTORED }

    public Mip6Binding {
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        Objects.requireNonNull(origin, "origin");
        if (sequence < 0 || sequence > 0xffff) {
            throw new IllegalArgumentException("sequence number out of 0..65535: " + sequence);
        }
        if (lifetimeSeconds < 0) {
            throw new IllegalArgumentException("negative lifetime: " + lifetimeSeconds);
        }
    }

    public boolean expiredAt(long nowMillis) {
        return expiresAtMillis <= nowMillis;
    }

    /** Seconds left at {@code nowMillis}, 0 once expired. */
    public long remainingSeconds(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis) / 1000);
    }

    public Mip6Binding restored() {
        return new Mip6Binding(homeAddress, careOfAddress, sequence, lifetimeSeconds, expiresAtMillis, Origin.RESTORED);
    }
}
