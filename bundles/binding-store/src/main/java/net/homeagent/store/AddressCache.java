package net.homeagent.store;

import java.net.Inet4Address;
import java.util.concurrent.atomic.AtomicReferenceArray;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * A small direct-mapped cache of {@link Inet4Address} objects for the addresses a row turns back
 * into: home agent, foreign agent and care-of addresses repeat across thousands of bindings, so a
 * read or an expiry usually reuses the same immutable object instead of making one (and its
 * holder) for every field. A miss just makes a new one and takes the slot.
 */
final class AddressCache {

    private static final int SLOTS = 1 << 12;

    // Atomic: an InetAddress's holder has plain fields, so it must be published safely between threads.
    private final AtomicReferenceArray<Inet4Address> slots = new AtomicReferenceArray<>(SLOTS);

    Inet4Address of(int bits) {
        int slot = (bits * 0x9E3779B9) >>> 20;
        Inet4Address cached = slots.getAcquire(slot);
        if (cached != null && Ipv4.toInt(cached) == bits) {
            return cached;
        }
        Inet4Address made = Ipv4.of(bits);
        slots.setRelease(slot, made);
        return made;
    }
}
