package net.homeagent.snmp.mib;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The sorted keys (home address, care-of address) of the binding table that a walk of
 * haMobilityBindingTable steps through. SNMP orders rows by index, the store does not; copying and
 * sorting the table on every GETNEXT/GETBULK would cost O(n log n) per request. So the keys, two
 * IPv4 addresses packed in one {@code long}, are collected once with
 * {@link BindingStore#forEachBinding} (no list of the table is made; the store still builds each
 * {@code Binding} it shows, short-lived garbage) and sorted once, then reused for
 * {@code maxAge}; the rows themselves are read live from the store at each request.
 *
 * <p>A binding added after the index was built shows up in the next one (at most {@code maxAge}
 * later); a binding removed meanwhile is skipped when its row is read. A million bindings cost
 * 8 MB of keys and one sort per {@code maxAge} while somebody walks; no walk, no cost.
 */
final class BindingWalkIndex {

    private final BindingStore store;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Keys keys = new Keys(new long[0], 0, Instant.MIN);

    BindingWalkIndex(BindingStore store, Clock clock, Duration maxAge) {
        this.store = store;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * The packed keys, sorted as SNMP orders IpAddress indexes (octet by octet, so unsigned), built
     * again if older than {@code maxAge}.
     */
    Keys keys() {
        Keys current = keys;
        Instant now = clock.instant();
        if (current.builtAt.plus(maxAge).isAfter(now)) {
            return current;
        }
        synchronized (this) {
            if (keys != current) {
                return keys; // another request rebuilt it while this one waited
            }
            keys = build(now);
            return keys;
        }
    }

    private Keys build(Instant now) {
        KeyCollector collector = new KeyCollector(store.size());
        store.forEachBinding(collector::add);
        return collector.sorted(now);
    }

    /** Packs a (home, care-of) pair into one long whose signed order is the pair's unsigned order. */
    static long pack(int home, int careOf) {
        return (((long) home << 32) | (careOf & 0xFFFF_FFFFL)) ^ Long.MIN_VALUE;
    }

    static int home(long packed) {
        return (int) ((packed ^ Long.MIN_VALUE) >>> 32);
    }

    static int careOf(long packed) {
        return (int) (packed ^ Long.MIN_VALUE);
    }

    /** Sorted packed keys; {@link #ceiling} finds where a walk goes on. */
    record Keys(long[] sorted, int size, Instant builtAt) {

        /** Position of the first key {@code >= packed}, {@link #size} if none. */
        int ceiling(long packed) {
            int at = Arrays.binarySearch(sorted, 0, size, packed);
            return at >= 0 ? at : -at - 1;
        }

        long at(int position) {
            return sorted[position];
        }
    }

    private static final class KeyCollector {
        private long[] keys;
        private int size;

        KeyCollector(int expected) {
            keys = new long[Math.max(16, expected + expected / 8)];
        }

        void add(Binding b) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
            keys[size++] = pack(Ipv4.toInt(b.homeAddress()), Ipv4.toInt(b.careOfAddress()));
        }

        Keys sorted(Instant now) {
            Arrays.sort(keys, 0, size);
            return new Keys(keys, size, now);
        }
    }
}
