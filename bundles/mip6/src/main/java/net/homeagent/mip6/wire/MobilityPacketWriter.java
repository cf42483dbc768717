package net.homeagent.mip6.wire;

import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.codec.mip6.MobilityHeaderCodec;
import net.homeagent.mip.codec.mip6.Type2RoutingHeader;
import net.homeagent.mip.codec.mip6.Type2RoutingHeaderCodec;
import net.homeagent.mip6.ipsec.EspSecurityAssociation;
import net.homeagent.mip6.ipsec.EspTransform;

/**
 * Writes a whole IPv6 packet carrying a Mobility Header from this node to a mobile node (Binding
 * Acknowledgement, Binding Refresh Request, Home Test, Care-of Test): RFC 6275 §6.4 and §9.6 - to a
 * mobile away from home the packet goes to its care-of address with a type 2 routing header holding
 * its home address (Segments Left 1), and the Mobility Header's checksum is computed with the home
 * address as the final destination; to the home address itself there is no routing header. A
 * correspondent's Binding Acknowledgement carries Binding Authorization Data (§6.2.7), computed
 * before the checksum. A home agent's acknowledgement to a mobile node with an ESP security
 * association leaves as IPv6 | type 2 routing header | ESP | Mobility Header (RFC 4877 §4.1, where
 * Linux and scapy put ESP in transport mode: after the routing header); the checksum is computed on
 * the plain Mobility Header before it is encrypted.
 */
public final class MobilityPacketWriter {

    static final int HOP_LIMIT = 64;

    private final MobilityHeaderCodec codec = new MobilityHeaderCodec();
    private final Type2RoutingHeaderCodec routing = new Type2RoutingHeaderCodec();
    private final Optional<EspTransform> esp;

    /** A writer for messages that are never under ESP (a correspondent's). */
    public MobilityPacketWriter() {
        this(Optional.empty());
    }

    /** @param esp what seals the messages that carry a protection */
    public MobilityPacketWriter(Optional<EspTransform> esp) {
        this.esp = esp;
    }

    /**
     * Appends the packet to {@code out}.
     *
     * @return false, with {@code out} as it was, when the message is to be protected but its SA's
     *         sequence numbers are spent (RFC 4303 §3.3.3)
     */
    public boolean write(OutboundMobilityMessage outbound, ByteBuf out) {
        boolean away = !outbound.destination().equals(outbound.homeAddress());
        int start = out.writerIndex();
        out.writeInt(6 << 28);                 // version 6, traffic class 0, flow label 0
        out.writeShort(0);                     // payload length, below
        int upper = outbound.protection().isPresent() ? EspTransform.NEXT_HEADER : MobilityHeaderCodec.NEXT_HEADER;
        out.writeByte(away ? Type2RoutingHeader.NEXT_HEADER : upper);
        out.writeByte(HOP_LIMIT);
        out.writeBytes(outbound.source().getAddress());
        out.writeBytes(outbound.destination().getAddress());
        if (away) {
            routing.encode(Type2RoutingHeader.to(outbound.homeAddress(), upper), out);
        }
        if (outbound.protection().isPresent()) {
            Optional<byte[]> sealed = sealed(outbound, outbound.protection().get());
            if (sealed.isEmpty()) {
                out.writerIndex(start);
                return false;
            }
            out.writeBytes(sealed.get());
        } else {
            mobilityHeader(outbound, out);
        }
        out.setShort(start + 4, out.writerIndex() - start - 40);
        return true;
    }

    private Optional<byte[]> sealed(OutboundMobilityMessage outbound, EspSecurityAssociation association) {
        ByteBuf plain = Unpooled.buffer(64);
        try {
            mobilityHeader(outbound, plain);
            byte[] octets = new byte[plain.readableBytes()];
            plain.readBytes(octets);
            return esp.orElseThrow(() -> new IllegalStateException("a protected message and no ESP transform"))
                    .seal(association, MobilityHeaderCodec.NEXT_HEADER, octets);
        } finally {
            plain.release();
        }
    }

    private void mobilityHeader(OutboundMobilityMessage outbound, ByteBuf out) {
        if (outbound.authorizer().isPresent()) {
            codec.encodeAuthorized(outbound.message(), outbound.source(), outbound.homeAddress(),
                    outbound.authorizer().get(), out);
        } else {
            codec.encode(outbound.message(), outbound.source(), outbound.homeAddress(), out);
        }
    }
}
