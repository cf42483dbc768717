package net.homeagent.mip.codec;

/**
 * The flag bits of the Registration Request's second octet, RFC 5944 §3.3:
 * {@code S B D M G r T x}, most significant bit first.
 */
public final class RegistrationFlags {
    /** Simultaneous bindings. */
    public static final int S = 0x80;
    /** Broadcast datagrams. */
    public static final int B = 0x40;
    /** Decapsulation by mobile node (co-located care-of address). */
    public static final int D = 0x20;
    /** Minimal encapsulation (RFC 2004). */
    public static final int M = 0x10;
    /** GRE encapsulation (RFC 2784). */
    public static final int G = 0x08;
    /** Reserved, sent as zero (RFC 5944 §3.3). */
    public static final int R = 0x04;
    /** Reverse tunnelling requested (RFC 3024). */
    public static final int T = 0x02;
    /** Reserved, sent as zero and ignored on reception. */
    public static final int X = 0x01;

    private RegistrationFlags() {
    }

    public static boolean isSet(int flags, int bit) {
        return (flags & bit) != 0;
    }

    /** The flags as a Cisco-style letter string, a dash for each clear bit: {@code "S--M---x"}. */
    public static String describe(int flags) {
        char[] letters = {'S', 'B', 'D', 'M', 'G', 'r', 'T', 'x'};
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            sb.append((flags & (0x80 >> i)) != 0 ? letters[i] : '-');
        }
        return sb.toString();
    }
}
