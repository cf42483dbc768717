package net.homeagent.mip6.wire;

import java.net.Inet6Address;

import io.netty.buffer.ByteBuf;
import net.homeagent.mip.codec.mip6.MobilityHeaderCodec;
import net.homeagent.mip.codec.mip6.MobilityMessage;
import net.homeagent.mip.codec.mip6.Type2RoutingHeader;
import net.homeagent.mip.codec.mip6.Type2RoutingHeaderCodec;

/**
 * Writes a whole IPv6 packet carrying a Mobility Header from the home agent to a mobile node
 * (Binding Acknowledgement, Binding Refresh Request): RFC 6275 §6.4 and §9.6 - to a mobile away
 * from home the packet goes to its care-of address with a type 2 routing header holding its home
 * address (Segments Left 1), and the Mobility Header's checksum is computed with the home address
 * as the final destination; to a mobile at home (care-of = home address) there is no routing header.
 */
public final class MobilityPacketWriter {

    static final int HOP_LIMIT = 64;

    private final MobilityHeaderCodec codec = new MobilityHeaderCodec();
    private final Type2RoutingHeaderCodec routing = new Type2RoutingHeaderCodec();

    /** Appends the packet to {@code out}. */
    public void write(MobilityMessage message, Inet6Address source, Inet6Address careOfAddress,
            Inet6Address homeAddress, ByteBuf out) {
        boolean away = !careOfAddress.equals(homeAddress);
        int start = out.writerIndex();
        out.writeInt(6 << 28);                 // version 6, traffic class 0, flow label 0
        out.writeShort(0);                     // payload length, below
        out.writeByte(away ? Type2RoutingHeader.NEXT_HEADER : MobilityHeaderCodec.NEXT_HEADER);
        out.writeByte(HOP_LIMIT);
        out.writeBytes(source.getAddress());
        out.writeBytes(careOfAddress.getAddress());
        if (away) {
            routing.encode(Type2RoutingHeader.to(homeAddress, MobilityHeaderCodec.NEXT_HEADER), out);
        }
        codec.encode(message, source, homeAddress, out);
        out.setShort(start + 4, out.writerIndex() - start - 40);
    }
}
