package net.homeagent.mip6.wire;

import io.netty.buffer.ByteBuf;
import net.homeagent.mip.codec.mip6.MobilityHeaderCodec;
import net.homeagent.mip.codec.mip6.Type2RoutingHeader;
import net.homeagent.mip.codec.mip6.Type2RoutingHeaderCodec;

/**
 * Writes a whole IPv6 packet carrying a Mobility Header from this node to a mobile node (Binding
 * Acknowledgement, Binding Refresh Request, Home Test, Care-of Test): RFC 6275 §6.4 and §9.6 - to a
 * mobile away from home the packet goes to its care-of address with a type 2 routing header holding
 * its home address (Segments Left 1), and the Mobility Header's checksum is computed with the home
 * address as the final destination; to the home address itself there is no routing header. A
 * correspondent's Binding Acknowledgement carries Binding Authorization Data (§6.2.7), computed
 * before the checksum.
 */
public final class MobilityPacketWriter {

    static final int HOP_LIMIT = 64;

    private final MobilityHeaderCodec codec = new MobilityHeaderCodec();
    private final Type2RoutingHeaderCodec routing = new Type2RoutingHeaderCodec();

    /** Appends the packet to {@code out}. */
    public void write(OutboundMobilityMessage outbound, ByteBuf out) {
        boolean away = !outbound.destination().equals(outbound.homeAddress());
        int start = out.writerIndex();
        out.writeInt(6 << 28);                 // version 6, traffic class 0, flow label 0
        out.writeShort(0);                     // payload length, below
        out.writeByte(away ? Type2RoutingHeader.NEXT_HEADER : MobilityHeaderCodec.NEXT_HEADER);
        out.writeByte(HOP_LIMIT);
        out.writeBytes(outbound.source().getAddress());
        out.writeBytes(outbound.destination().getAddress());
        if (away) {
            routing.encode(Type2RoutingHeader.to(outbound.homeAddress(), MobilityHeaderCodec.NEXT_HEADER), out);
        }
        if (outbound.authorizer().isPresent()) {
            codec.encodeAuthorized(outbound.message(), outbound.source(), outbound.homeAddress(),
                    outbound.authorizer().get(), out);
        } else {
            codec.encode(outbound.message(), outbound.source(), outbound.homeAddress(), out);
        }
        out.setShort(start + 4, out.writerIndex() - start - 40);
    }
}
