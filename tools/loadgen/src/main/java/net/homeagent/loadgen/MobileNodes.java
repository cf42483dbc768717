package net.homeagent.loadgen;

import java.net.Inet4Address;
import java.util.SplittableRandom;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The simulated mobile nodes: node {@code i} has home address {@code homeBase + i}, SPI
 * {@code spiBase + i} and a 128-bit HMAC-MD5 key (RFC 5944 §5.1) derived from the key seed and
 * {@code i}, so that the load generator and the SA file it writes for the appliance agree
 * without exchanging keys. These are test keys: anyone who knows the seed knows them.
 */
final class MobileNodes {

    static final int KEY_OCTETS = 16;
    /** Care-of addresses are drawn from 198.18.0.0/15 (RFC 2544 benchmarking range). */
    private static final int CARE_OF_BASE = 0xc612_0000;
    private static final int CARE_OF_SPAN = 1 << 17;

    private final int count;
    private final int homeBase;
    private final long spiBase;
    private final long keySeed;
    private final int[] careOfGeneration;

    MobileNodes(int count, Inet4Address homeBase, long spiBase, long keySeed) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one node");
        }
        if (spiBase < 256 || spiBase + count - 1 > 0xffff_ffffL) {
            // RFC 5944 §1.6: SPIs 0-255 are reserved
            throw new IllegalArgumentException("SPIs must lie in 256..4294967295");
        }
        this.count = count;
        this.homeBase = Ipv4.toInt(homeBase);
        if (Integer.toUnsignedLong(this.homeBase) + count - 1 > 0xffff_ffffL) {
            throw new IllegalArgumentException("home addresses run past 255.255.255.255");
        }
        this.spiBase = spiBase;
        this.keySeed = keySeed;
        this.careOfGeneration = new int[count];
    }

    int count() {
        return count;
    }

    int homeAddressInt(int node) {
        return homeBase + node;
    }

    Inet4Address homeAddress(int node) {
        return Ipv4.of(homeBase + node);
    }

    /** The node whose home address is {@code address}, or -1 if none of ours. */
    int nodeOf(Inet4Address address) {
        long index = Ipv4.toUnsigned(address) - Integer.toUnsignedLong(homeBase);
        return index >= 0 && index < count ? (int) index : -1;
    }

    long spi(int node) {
        return spiBase + node;
    }

    byte[] key(int node) {
        byte[] key = new byte[KEY_OCTETS];
        new SplittableRandom(keySeed * 0x9E37_79B9_7F4A_7C15L + node).nextBytes(key);
        return key;
    }

    /** The care-of address the node registers from now. */
    int careOfInt(int node) {
        return CARE_OF_BASE + (int) ((node * 7L + careOfGeneration[node]) % CARE_OF_SPAN);
    }

    /** How often each node moved: a ledger keeps them so that a later run moves on to new addresses. */
    int[] careOfGenerations() {
        return careOfGeneration.clone();
    }

    /** Continues from the generations of an earlier run ({@link #careOfGenerations}). */
    void continueFrom(int[] generations) {
        if (generations.length != count) {
            throw new IllegalArgumentException(generations.length + " generations for " + count + " nodes");
        }
        System.arraycopy(generations, 0, careOfGeneration, 0, count);
    }

    /** The node moves: its next registration names another care-of address. */
    void move(int node) {
        careOfGeneration[node]++;
    }
}
