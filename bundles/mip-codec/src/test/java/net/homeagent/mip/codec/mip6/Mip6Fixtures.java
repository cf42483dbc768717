package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Addresses from the documentation prefix (the same as tools/interop/mip6_vectors.py) and helpers. */
final class Mip6Fixtures {
    static final Inet6Address HOME = ipv6("2001:db8:1::10");
    static final Inet6Address CARE_OF = ipv6("2001:db8:2::20");
    static final Inet6Address ALTERNATE = ipv6("2001:db8:3::30");
    static final Inet6Address HOME_AGENT = ipv6("2001:db8:1::1");
    static final Inet6Address CORRESPONDENT = ipv6("2001:db8:4::40");
    static final Inet6Address UNSPECIFIED = ipv6("::");

    static final MobilityHeaderCodec CODEC = new MobilityHeaderCodec();

    private Mip6Fixtures() {
    }

    static Inet6Address ipv6(String text) {
        try {
            InetAddress address = InetAddress.getByName(text);
            return Inet6Address.getByAddress(null, address.getAddress(), -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Hex with optional spaces and {@code |} between fields. */
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("[\\s|]", ""));
    }

    static byte[] encode(MobilityMessage message, Inet6Address source, Inet6Address destination) {
        ByteBuf out = Unpooled.buffer();
        CODEC.encode(message, source, destination, out);
        return ByteBufUtil.getBytes(out);
    }

    static MobilityMessage decode(byte[] mh, Inet6Address source, Inet6Address destination)
            throws MalformedMobilityHeaderException {
        return CODEC.decode(Unpooled.wrappedBuffer(mh), source, destination);
    }

    /**
     * The Internet checksum written the long way (RFC 1071 §4.1, one 16-bit word at a time over
     * an explicit pseudo-header array), to check the codec's against.
     */
    static int referenceChecksum(Inet6Address source, Inet6Address destination, byte[] mh) {
        byte[] pseudo = new byte[40 + mh.length + (mh.length & 1)];
        System.arraycopy(source.getAddress(), 0, pseudo, 0, 16);
        System.arraycopy(destination.getAddress(), 0, pseudo, 16, 16);
        pseudo[34] = (byte) (mh.length >>> 8);
        pseudo[35] = (byte) mh.length;
        pseudo[39] = (byte) 135;
        System.arraycopy(mh, 0, pseudo, 40, mh.length);
        pseudo[44] = 0; // the Checksum field itself counts as zero
        pseudo[45] = 0;
        int sum = 0;
        for (int i = 0; i < pseudo.length; i += 2) {
            sum += ((pseudo[i] & 0xff) << 8) | (pseudo[i + 1] & 0xff);
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }
}
