package net.homeagent.mip6;

import java.net.Inet6Address;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.codec.mip6.BindingRefreshRequest;
import net.homeagent.mip.codec.mip6.BindingUpdate;
import net.homeagent.mip.codec.mip6.MalformedMobilityHeaderException;
import net.homeagent.mip.codec.mip6.MobilityMessage;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.registration.HomeRegistration;
import net.homeagent.mip6.registration.ReceivedBindingUpdate;
import net.homeagent.mip6.registration.RegistrationResult;
import net.homeagent.mip6.wire.InboundMobilityHeader;
import net.homeagent.mip6.wire.MalformedPacketException;
import net.homeagent.mip6.wire.MobilityPacketReader;
import net.homeagent.mip6.wire.MobilityPacketWriter;

/**
 * The home agent's Mobile IPv6 signalling between the packets and the registration logic: a
 * packet for one of the home agent's addresses is read down to its Mobility Header; a Binding
 * Update goes to {@link HomeRegistration} and its Binding Acknowledgement goes back to the care-of
 * address with a type 2 routing header (RFC 6275 §6.1.8, §6.4); binding recovery's Binding Refresh
 * Requests (§6.1.2) leave the same way. Nothing a packet holds makes {@link #received} throw:
 * malformed input is counted and logged at most once per ten seconds (RFC 6275 §9.2: discarded;
 * the ICMP Parameter Problem and Binding Error answers the codec names are not sent by this slice,
 * docs/mip6.md).
 */
public final class Mip6Signalling {

    private static final Logger LOG = LoggerFactory.getLogger(Mip6Signalling.class);
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    private final Set<Inet6Address> homeAgentAddresses;
    private final Inet6Address refreshSource;
    private final HomeRegistration registration;
    private final Mip6Counters counters;
    private final PacketSink sink;
    private final Clock clock;
    private final MobilityPacketReader reader = new MobilityPacketReader();
    private final MobilityPacketWriter writer = new MobilityPacketWriter();
    private long lastMalformedLog = Long.MIN_VALUE;
    private long malformedSinceLog;

    /**
     * @param homeAgentAddresses the addresses the home agent answers on; the first is the source of
     *                           Binding Refresh Requests
     */
    public Mip6Signalling(List<Inet6Address> homeAgentAddresses, HomeRegistration registration, Mip6Counters counters,
            PacketSink sink, Clock clock) {
        this.homeAgentAddresses = Set.copyOf(homeAgentAddresses);
        this.refreshSource = homeAgentAddresses.get(0);
        this.registration = registration;
        this.counters = counters;
        this.sink = sink;
        this.clock = clock;
    }

    /** One IPv6 packet routed to the home agent. Called on the signalling thread. */
    public void received(ByteBuf packet) {
        counters.count(Counter.PACKETS_RECEIVED);
        Optional<InboundMobilityHeader> inbound;
        try {
            inbound = reader.read(packet);
        } catch (MalformedMobilityHeaderException e) {
            malformed(e.getMessage(), "RFC 6275 §9.2 answer: " + e.answer());
            return;
        } catch (MalformedPacketException e) {
            malformed(e.getMessage(), "discarded");
            return;
        } catch (RuntimeException e) {
            // a decoder bug must not stop the signalling thread; counted as malformed, logged whole
            counters.count(Counter.MALFORMED);
            LOG.error("MIPv6 packet could not be read", e);
            return;
        }
        if (inbound.isEmpty() || !homeAgentAddresses.contains(inbound.get().destination())) {
            counters.count(Counter.NOT_MOBILITY);
            return;
        }
        MobilityMessage message = inbound.get().message();
        if (!(message instanceof BindingUpdate update)) {
            counters.count(Counter.OTHER_MESSAGES);
            return;
        }
        InboundMobilityHeader in = inbound.get();
        RegistrationResult result = registration.process(
                new ReceivedBindingUpdate(in.source(), in.destination(), in.homeAddressOption(), update), clock.millis());
        if (result.sendAck()) {
            // the acknowledgement goes where the update came from (§9.5.4: to the source address, the
            // care-of address), through the type 2 routing header to the home address
            send(result.acknowledgement(), in.destination(), in.source(), result.homeAddress());
        }
    }

    /** Binding recovery's request to {@code entry}'s mobile node (RFC 6275 §6.1.2). */
    public void sendRefreshRequest(Mip6Binding entry) {
        counters.count(Counter.REFRESH_REQUESTS);
        send(new BindingRefreshRequest(List.of()), refreshSource, entry.careOfAddress(), entry.homeAddress());
    }

    private void send(MobilityMessage message, Inet6Address source, Inet6Address careOf, Inet6Address home) {
        ByteBuf packet = Unpooled.buffer(128);
        try {
            writer.write(message, source, careOf, home, packet);
            if (!sink.send(packet)) {
                counters.count(Counter.SEND_FAILURES);
            }
        } finally {
            packet.release();
        }
    }

    private synchronized void malformed(String reason, String answer) {
        counters.count(Counter.MALFORMED);
        malformedSinceLog++;
        long now = clock.millis();
        if (now - lastMalformedLog >= LOG_INTERVAL_MILLIS) {
            LOG.warn("malformed MIPv6 packet discarded ({} since the last such line): {} ({})", malformedSinceLog,
                    reason, answer);
            lastMalformedLog = now;
            malformedSinceLog = 0;
        }
    }
}
