package net.homeagent.mip6.correspondent;

import java.net.Inet6Address;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.codec.mip6.BindingError;
import net.homeagent.mip.codec.mip6.DestinationOptionsCodec;
import net.homeagent.mip.codec.mip6.DestinationOptionsHeader;
import net.homeagent.mip.codec.mip6.InternetChecksum;
import net.homeagent.mip.codec.mip6.Ipv6Fields;
import net.homeagent.mip.codec.mip6.MalformedMobilityHeaderException;
import net.homeagent.mip.codec.mip6.Type2RoutingHeader;
import net.homeagent.mip.codec.mip6.Type2RoutingHeaderCodec;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.PacketSink;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.wire.MobilityPacketWriter;
import net.homeagent.mip6.wire.OutboundMobilityMessage;

/**
 * The correspondent node's own traffic on the optimized route (RFC 6275 §9.3): this appliance is
 * the correspondent host, and what it serves on its correspondent addresses is ICMPv6 echo (RFC 4443
 * §4.1, §4.2). The host does not own those addresses (they are routed into the signalling device,
 * and its kernel drops a Home Address option), so it answers here:
 * <ul>
 * <li>an Echo Request with a Home Address option (a mobile node away from home, from its care-of
 *     address) is accepted only if the binding cache binds that home address to the packet's
 *     source (§9.3.1); otherwise it is dropped and answered, at most {@value #BINDING_ERRORS_PER_SECOND}
 *     times a second (§9.3.3), with a Binding Error of status 1 to the source;</li>
 * <li>the Echo Reply goes to the home address (§9.3.1: the option's address is the packet's source
 *     for the layers above); with a binding, to the care-of address through a type 2 routing header
 *     and checksummed over the home address as the final destination (§9.3.2, §6.4); without one,
 *     to the address itself.</li>
 * </ul>
 * The request's checksum is checked over the home address as the source. Anything else for the
 * correspondent's addresses is left to the signalling path.
 */
public final class RouteOptimizedEcho implements Predicate<ByteBuf> {

    static final int BINDING_ERRORS_PER_SECOND = 10;
    private static final int HEADER = 40;
    private static final int ICMPV6 = InternetChecksum.ICMPV6;
    private static final int ECHO_REQUEST = 128;
    private static final int ECHO_REPLY = 129;
    private static final int HOP_LIMIT = 64;

    private final Set<Inet6Address> addresses;
    private final BindingCache cache;
    private final PacketSink sink;
    private final Mip6Counters counters;
    private final Mip6Counters signalling;
    private final Clock clock;
    private final DestinationOptionsCodec options = new DestinationOptionsCodec();
    private final Type2RoutingHeaderCodec routing = new Type2RoutingHeaderCodec();
    private final MobilityPacketWriter writer = new MobilityPacketWriter();
    private long errorSecond = Long.MIN_VALUE;
    private int errorsThisSecond;

    /**
     * @param counters   the correspondent's (echo replies, unknown home addresses, Binding Errors)
     * @param signalling the signalling path's (a bad checksum, a failed write)
     */
    public RouteOptimizedEcho(Set<Inet6Address> addresses, BindingCache cache, PacketSink sink, Mip6Counters counters,
            Mip6Counters signalling, Clock clock) {
        this.addresses = Set.copyOf(addresses);
        this.cache = cache;
        this.sink = sink;
        this.counters = counters;
        this.signalling = signalling;
        this.clock = clock;
    }

    /** @return whether the packet was an Echo Request to a correspondent address (answered or dropped) */
    @Override
    public boolean test(ByteBuf packet) {
        int start = packet.readerIndex();
        if (packet.readableBytes() < HEADER || (packet.getUnsignedByte(start) >>> 4) != 6) {
            return false;
        }
        Inet6Address destination = Ipv6Fields.read(packet, start + 24);
        int payloadLength = packet.getUnsignedShort(start + 4);
        if (!addresses.contains(destination) || payloadLength > packet.readableBytes() - HEADER) {
            return false;
        }
        Inet6Address source = Ipv6Fields.read(packet, start + 8);
        ByteBuf payload = packet.slice(start + HEADER, payloadLength);
        int next = packet.getUnsignedByte(start + 6);
        Optional<Inet6Address> home = Optional.empty();
        if (next == DestinationOptionsCodec.NEXT_HEADER) {
            try {
                DestinationOptionsHeader header = options.decode(payload);
                home = header.homeAddress();
                next = header.nextHeader();
            } catch (MalformedMobilityHeaderException e) {
                return false; // the signalling path counts a malformed header
            }
        }
        if (next != ICMPV6 || payload.readableBytes() < 8
                || payload.getUnsignedByte(payload.readerIndex()) != ECHO_REQUEST) {
            return false;
        }
        Inet6Address peer = home.orElse(source);
        if (InternetChecksum.compute(peer, destination, ICMPV6, payload, payload.readerIndex(),
                payload.readableBytes()) != 0) {
            signalling.count(Counter.MALFORMED);
            return true;
        }
        Optional<Mip6Binding> binding = cache.get(peer);
        if (home.isPresent() && (binding.isEmpty() || !binding.get().careOfAddress().equals(source))) {
            unknownBinding(destination, source, home.get());
            return true;
        }
        reply(destination, peer, binding.map(Mip6Binding::careOfAddress), payload);
        return true;
    }

    private void reply(Inet6Address from, Inet6Address home, Optional<Inet6Address> careOf, ByteBuf request) {
        int length = request.readableBytes();
        ByteBuf out = Unpooled.buffer(HEADER + 24 + length);
        try {
            out.writeInt(6 << 28);
            out.writeShort(0);
            out.writeByte(careOf.isPresent() ? Type2RoutingHeader.NEXT_HEADER : ICMPV6).writeByte(HOP_LIMIT);
            out.writeBytes(from.getAddress()).writeBytes(careOf.orElse(home).getAddress());
            careOf.ifPresent(c -> routing.encode(Type2RoutingHeader.to(home, ICMPV6), out));
            int icmp = out.writerIndex();
            out.writeByte(ECHO_REPLY).writeByte(0).writeShort(0); // RFC 4443 §4.2: identifier, sequence, data as asked
            out.writeBytes(request, request.readerIndex() + 4, length - 4);
            out.setShort(icmp + 2, InternetChecksum.compute(from, home, ICMPV6, out, icmp, length));
            out.setShort(4, out.writerIndex() - HEADER);
            if (sink.send(out)) {
                counters.count(careOf.isPresent() ? Counter.ECHO_ROUTE_OPTIMIZED : Counter.ECHO_DIRECT);
            } else {
                signalling.count(Counter.SEND_FAILURES);
            }
        } finally {
            out.release();
        }
    }

    /** §9.3.1, §9.3.3: status 1 to the packet's source, the option's address in the message, rate-limited. */
    private void unknownBinding(Inet6Address from, Inet6Address careOf, Inet6Address home) {
        counters.count(Counter.UNKNOWN_HOME_ADDRESS);
        long second = clock.millis() / 1000;
        if (second != errorSecond) {
            errorSecond = second;
            errorsThisSecond = 0;
        }
        if (errorsThisSecond++ >= BINDING_ERRORS_PER_SECOND) {
            return;
        }
        ByteBuf out = Unpooled.buffer(128);
        try {
            writer.write(OutboundMobilityMessage.plain(new BindingError(BindingError.UNKNOWN_BINDING_FOR_HOME_ADDRESS,
                    home, List.of()), from, careOf, careOf), out);
            if (sink.send(out)) {
                counters.count(Counter.BINDING_ERRORS);
            } else {
                signalling.count(Counter.SEND_FAILURES);
            }
        } finally {
            out.release();
        }
    }
}
