package net.homeagent.peer.link;

import java.util.Arrays;

/**
 * The anti-replay sliding window of RFC 4303 §3.4.3 (ESP, 64-bit extended sequence numbers): the
 * highest sequence number accepted so far and a bitmap of the {@code width} numbers at and below
 * it. A number above the highest is new; one inside the window is new if its bit is clear; one
 * below the window is a replay. {@link #isFresh} and {@link #mark} are separate so that a caller
 * marks a number only once the datagram (or message) it belongs to was accepted, as §3.4.3 says
 * (the window is updated only after the integrity check passed).
 *
 * <p>Used on one thread (the link's event loop).
 */
final class ReplayWindow {

    private final long[] bits;
    private final int width;
    private long highest;
    private boolean empty = true;

    ReplayWindow(int width) {
        if (width < 64 || width % 64 != 0) {
            throw new IllegalArgumentException("replay window width must be a positive multiple of 64: " + width);
        }
        this.width = width;
        this.bits = new long[width / 64];
    }

    /** What the window knows of a sequence number. */
    enum Verdict {
        /** Not seen, and inside or above the window. */
        NEW,
        /** Seen before. */
        SEEN,
        /** Below the window: whether it was seen is forgotten. */
        TOO_OLD
    }

    Verdict check(long sequence) {
        if (empty || Long.compareUnsigned(sequence, highest) > 0) {
            return Verdict.NEW;
        }
        long behind = highest - sequence;
        if (Long.compareUnsigned(behind, width) >= 0) {
            return Verdict.TOO_OLD;
        }
        return bit(sequence) ? Verdict.SEEN : Verdict.NEW;
    }

    /** Records {@code sequence} as seen, sliding the window forward when it is the new highest. */
    void mark(long sequence) {
        if (empty) {
            empty = false;
            highest = sequence;
        } else if (Long.compareUnsigned(sequence, highest) > 0) {
            long ahead = sequence - highest;
            if (Long.compareUnsigned(ahead, width) >= 0) {
                Arrays.fill(bits, 0L);
            } else {
                for (long s = highest + 1; s != sequence; s++) {
                    clear(s);
                }
            }
            highest = sequence;
        }
        set(sequence);
    }

    private int slot(long sequence) {
        return (int) Long.remainderUnsigned(sequence, width);
    }

    private boolean bit(long sequence) {
        int slot = slot(sequence);
        return (bits[slot >>> 6] & (1L << (slot & 63))) != 0;
    }

    private void set(long sequence) {
        int slot = slot(sequence);
        bits[slot >>> 6] |= 1L << (slot & 63);
    }

    private void clear(long sequence) {
        int slot = slot(sequence);
        bits[slot >>> 6] &= ~(1L << (slot & 63));
    }
}
