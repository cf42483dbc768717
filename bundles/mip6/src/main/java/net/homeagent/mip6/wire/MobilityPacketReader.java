package net.homeagent.mip6.wire;

import java.net.Inet6Address;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import net.homeagent.mip.codec.mip6.DestinationOptionsCodec;
import net.homeagent.mip.codec.mip6.DestinationOptionsHeader;
import net.homeagent.mip.codec.mip6.Ipv6Fields;
import net.homeagent.mip.codec.mip6.MalformedMobilityHeaderException;
import net.homeagent.mip.codec.mip6.MobilityHeaderCodec;

/**
 * Reads a whole IPv6 packet (RFC 8200 §3, as the TUN device hands it over, no link header) down to
 * its Mobility Header: the extension header chain is walked (Hop-by-Hop Options, Routing and
 * Destination Options skipped by their length, the Destination Options header decoded for the Home
 * Address option, RFC 6275 §6.3), then the Mobility Header is decoded with the home address as the
 * pseudo-header's source when the option is there (§9.3.1: the receiver puts it in place of the
 * source before the upper layer sees the packet).
 */
public final class MobilityPacketReader {

    private static final int HEADER = 40;
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;

    private final MobilityHeaderCodec codec = new MobilityHeaderCodec();
    private final DestinationOptionsCodec options = new DestinationOptionsCodec();

    /**
     * @return the Mobility Header message, or empty when the packet carries none (another upper
     *         layer, or a fragment: fragments of signalling are not reassembled here)
     * @throws MalformedPacketException for a packet that is not a well-formed IPv6 packet
     * @throws MalformedMobilityHeaderException when its Destination Options or Mobility Header is
     *         malformed; it says how to answer
     */
    public Optional<InboundMobilityHeader> read(ByteBuf packet)
            throws MalformedPacketException, MalformedMobilityHeaderException {
        if (packet.readableBytes() < HEADER || (packet.getUnsignedByte(packet.readerIndex()) >>> 4) != 6) {
            throw new MalformedPacketException("not an IPv6 packet (" + packet.readableBytes()
                    + " octets)");
        }
        int start = packet.readerIndex();
        int payloadLength = packet.getUnsignedShort(start + 4);
        if (payloadLength > packet.readableBytes() - HEADER) {
            throw new MalformedPacketException("IPv6 payload length " + payloadLength + " beyond the "
                    + (packet.readableBytes() - HEADER) + " octets received");
        }
        int next = packet.getUnsignedByte(start + 6);
        Inet6Address source = Ipv6Fields.read(packet, start + 8);
        Inet6Address destination = Ipv6Fields.read(packet, start + 24);
        ByteBuf payload = packet.slice(start + HEADER, payloadLength);
        Optional<Inet6Address> home = Optional.empty();
        while (next != MobilityHeaderCodec.NEXT_HEADER) {
            if (next == DestinationOptionsCodec.NEXT_HEADER) {
                DestinationOptionsHeader header = options.decode(payload);
                if (header.homeAddress().isPresent()) {
                    if (home.isPresent()) {
                        throw new MalformedPacketException("two Home Address options");
                    }
                    home = header.homeAddress();
                }
                next = header.nextHeader();
            } else if (next == HOP_BY_HOP || next == ROUTING) {
                if (payload.readableBytes() < 2) {
                    throw new MalformedPacketException("extension header " + next + " cut short");
                }
                int length = (payload.getUnsignedByte(payload.readerIndex() + 1) + 1) * 8;
                if (length > payload.readableBytes()) {
                    throw new MalformedPacketException("extension header " + next + " of " + length
                            + " octets runs past the packet");
                }
                next = payload.getUnsignedByte(payload.readerIndex());
                payload.skipBytes(length);
            } else {
                return Optional.empty();   // another upper layer, or a fragment (44): not reassembled
            }
        }
        Inet6Address pseudoSource = home.orElse(source);
        byte[] octets = new byte[payload.readableBytes()];
        payload.getBytes(payload.readerIndex(), octets);
        return Optional.of(new InboundMobilityHeader(source, destination, home,
                codec.decode(payload, pseudoSource, destination), octets, Optional.empty()));
    }
}
