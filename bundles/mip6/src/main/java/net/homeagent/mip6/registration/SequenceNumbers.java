package net.homeagent.mip6.registration;

/**
 * RFC 6275 §9.5.1: "the Sequence Number field in the Binding Update is greater than the
 * Sequence Number received in the previous valid Binding Update for this home address, if any",
 * compared modulo 2^16: x is greater than y when (x - y) mod 2^16 is in 1..32767 (so 0 follows
 * 65535, and 32768 apart is not greater either way).
 */
public final class SequenceNumbers {

    private SequenceNumbers() {
    }

    public static boolean isGreater(int received, int previous) {
        int difference = (received - previous) & 0xffff;
        return difference != 0 && difference < 0x8000;
    }
}
