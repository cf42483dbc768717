package net.homeagent.mip6.ipsec;

/**
 * The receiver's anti-replay window of RFC 4303 §3.4.3 (64 packets, the size the RFC asks for as
 * the least default), 32-bit sequence numbers (no extended sequence numbers with manual keys). A
 * sequence number is first {@linkplain #isFresh checked} (before the ICV, it is cheap) and the window
 * is {@linkplain #accept advanced} only after the ICV verified, so a forged packet cannot move it.
 */
final class ReplayWindow {

    static final int SIZE = 64;

    /** The highest sequence number accepted; 0 before the first (the sender's counter starts at 0 and sends 1 first, §3.3.3). */
    private long highest;
    /** Bit i set: sequence number {@code highest - i} was accepted. */
    private long seen;

    /** Whether {@code sequence} is new and not left of the window. Sequence number 0 is never sent (§3.3.3). */
    synchronized boolean isFresh(long sequence) {
        if (sequence == 0) {
            return false;
        }
        if (sequence > highest) {
            return true;
        }
        long offset = highest - sequence;
        return offset < SIZE && (seen & (1L << offset)) == 0;
    }

    /** Records {@code sequence} after its ICV verified; false when it is no longer fresh (another thread took it). */
    synchronized boolean accept(long sequence) {
        if (!isFresh(sequence)) {
            return false;
        }
        if (sequence > highest) {
            long shift = sequence - highest;
            seen = shift >= SIZE ? 1 : (seen << shift) | 1;
            highest = sequence;
        } else {
            seen |= 1L << (highest - sequence);
        }
        return true;
    }
}
