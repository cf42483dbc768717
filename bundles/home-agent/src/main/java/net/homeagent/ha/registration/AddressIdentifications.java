package net.homeagent.ha.registration;

import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The last accepted Identification (RFC 5944 §5.7.1) of every node keyed by its home address, packed:
 * the 32-bit address and the 64-bit identification side by side in primitive arrays, open
 * addressing, no object per node. A million nodes cost ~20 MB here; a map with an address object,
 * a map entry and a holder per node cost ~160 B each (docs/PERFORMANCE.md, heap per binding).
 *
 * <p>Split into stripes by the address's hash, each with its own lock and arrays, so that the two
 * event loops rarely wait for each other and a stripe grows (doubling, rehashing only itself)
 * without stopping the others. Address 0.0.0.0 cannot be told from a free slot in the arrays, so it
 * is kept in a field of its stripe.
 */
final class AddressIdentifications {

    private static final int STRIPE_BITS = 8;
    private static final int INITIAL_SLOTS = 16;

    private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];

    AddressIdentifications() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Records {@code identification} as the address's last accepted one if it is greater, as an
     * unsigned number, than the one recorded; when none is recorded, {@code fallback} supplies it,
     * and with no fallback either the identification is the first and is accepted. Atomic per address.
     *
     * @return whether {@code identification} was greater and is now recorded
     */
    boolean advance(int address, long identification, Supplier<OptionalLong> fallback) {
        int hash = mix(address);
        Stripe stripe = stripes[hash >>> (Integer.SIZE - STRIPE_BITS)];
        synchronized (stripe) {
            return stripe.advance(address, hash, identification, fallback);
        }
    }

    /** Nodes recorded (for tests and the operator). */
    int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size;
            }
        }
        return size;
    }

    /**
     * Fibonacci hashing: home addresses are handed out counting up, and without it they would sit in
     * runs every probe walks through (as in the security association index).
     */
    private static int mix(int address) {
        return address * 0x9e37_79b9;
    }

    /** Whether a node's first identification seen here is accepted, given what the fallback knew. */
    private static boolean firstAccepted(long identification, OptionalLong previous) {
        return previous.isEmpty() || Long.compareUnsigned(identification, previous.getAsLong()) > 0;
    }

    private static final class Stripe {
        private int[] addresses = new int[INITIAL_SLOTS];
        private long[] identifications = new long[INITIAL_SLOTS];
        private int size;
        private boolean zeroHeld;
        private long zeroIdentification;

        boolean advance(int address, int hash, long identification, Supplier<OptionalLong> fallback) {
            if (address == 0) {
                return advanceZero(identification, fallback);
            }
            int slot = find(addresses, address, hash);
            if (addresses[slot] == address) {
                boolean newer = Long.compareUnsigned(identification, identifications[slot]) > 0;
                identifications[slot] = newer ? identification : identifications[slot];
                return newer;
            }
            OptionalLong previous = fallback.get();
            if ((size + 1) * 4 > addresses.length * 3) {
                grow();
                slot = find(addresses, address, hash);
            }
            addresses[slot] = address;
            size++;
            boolean accepted = firstAccepted(identification, previous);
            identifications[slot] = accepted ? identification : previous.getAsLong();
            return accepted;
        }

        private boolean advanceZero(long identification, Supplier<OptionalLong> fallback) {
            if (zeroHeld) {
                boolean newer = Long.compareUnsigned(identification, zeroIdentification) > 0;
                zeroIdentification = newer ? identification : zeroIdentification;
                return newer;
            }
            OptionalLong previous = fallback.get();
            zeroHeld = true;
            size++;
            boolean accepted = firstAccepted(identification, previous);
            zeroIdentification = accepted ? identification : previous.getAsLong();
            return accepted;
        }

        /** The slot holding {@code address}, or the free slot where it would go. */
        private static int find(int[] addresses, int address, int hash) {
            int mask = addresses.length - 1;
            int slot = hash & mask;
            while (addresses[slot] != 0 && addresses[slot] != address) {
                slot = slot + 1 & mask;
            }
            return slot;
        }

        private void grow() {
            int[] oldAddresses = addresses;
            long[] oldIdentifications = identifications;
            addresses = new int[oldAddresses.length * 2];
            identifications = new long[oldAddresses.length * 2];
            for (int i = 0; i < oldAddresses.length; i++) {
                if (oldAddresses[i] != 0) {
                    int slot = find(addresses, oldAddresses[i], mix(oldAddresses[i]));
                    addresses[slot] = oldAddresses[i];
                    identifications[slot] = oldIdentifications[i];
                }
            }
        }
    }
}
