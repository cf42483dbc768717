package net.homeagent.ha.security;

/**
 * Home address and SPI to an association's position: open addressing over one primitive array,
 * sized once for the whole file, so that a million associations are indexed without a map entry,
 * a key object or a rehash each. A slot is two longs side by side, the pair and the position + 1
 * (0: free), so that a probe touches one cache line, not one in a key array and one in a
 * position array: building the index of a million associations is mostly these cache misses.
 */
final class AddressSpiIndex {

    private final long[] slots;
    private final int mask;
    private final int shift;

    /** An index for up to {@code capacity} associations, at most half full. */
    AddressSpiIndex(int capacity) {
        int slotCount = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        slots = new long[slotCount * 2];
        mask = slotCount - 1;
        shift = Long.numberOfLeadingZeros(mask);
    }

    /** Puts {@code position} under the pair unless the pair is there: then returns the position held, else -1. */
    int putIfAbsent(int address, long spi, int position) {
        long key = key(address, spi);
        int slot = slotOf(key);
        while (slots[2 * slot + 1] != 0) {
            if (slots[2 * slot] == key) {
                return (int) slots[2 * slot + 1] - 1;
            }
            slot = slot + 1 & mask;
        }
        slots[2 * slot] = key;
        slots[2 * slot + 1] = position + 1L;
        return -1;
    }

    /** The position of the pair's association, or -1. */
    int find(int address, long spi) {
        long key = key(address, spi);
        int slot = slotOf(key);
        while (slots[2 * slot + 1] != 0) {
            if (slots[2 * slot] == key) {
                return (int) slots[2 * slot + 1] - 1;
            }
            slot = slot + 1 & mask;
        }
        return -1;
    }

    private static long key(int address, long spi) {
        return (long) address << 32 | (spi & 0xffff_ffffL);
    }

    /**
     * Fibonacci hashing of address and SPI, the top bits of the product: nodes numbered with both
     * counting up would otherwise sit in runs that every lookup probes through (10 % of the event
     * loop once, docs/PERFORMANCE.md).
     */
    private int slotOf(long key) {
        return (int) ((key * 0x9e37_79b9_7f4a_7c15L) >>> shift);
    }
}
