package net.homeagent.dataplane.packet;

import java.nio.ByteBuffer;

/** Datagrams for the tests, built field by field from RFC 791 / RFC 792. */
public final class Packets {

    public static final int CORRESPONDENT = 0x0a000064;   // 10.0.0.100
    public static final int HOME = 0x0a00010a;            // 10.0.1.10
    public static final int HOME_AGENT = 0x0a000101;      // 10.0.1.1
    public static final int CARE_OF = 0xc0000202;         // 192.0.2.2
    public static final int NAT = 0xc6336407;             // 198.51.100.7

    private Packets() {
    }

    /** An ICMP echo request (RFC 792) of {@code payload} octets from {@code source} to {@code destination}. */
    public static ByteBuffer echo(int source, int destination, int payload, boolean dontFragment) {
        int length = 20 + 8 + payload;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(0, (byte) 0x45).put(1, (byte) 0x10).putShort(2, (short) length).putShort(4, (short) 0x1234);
        b.putShort(6, (short) (dontFragment ? 0x4000 : 0));
        b.put(8, (byte) 63).put(9, (byte) 1).putInt(12, source).putInt(16, destination);
        b.putShort(10, (short) Ipv4Header.checksum(b, 0, 20));
        b.put(20, (byte) 8);
        for (int i = 0; i < payload; i++) {
            b.put(28 + i, (byte) i);
        }
        return b;
    }

    public static byte[] bytes(ByteBuffer b, int at, int length) {
        byte[] copy = new byte[length];
        b.get(at, copy);
        return copy;
    }
}
