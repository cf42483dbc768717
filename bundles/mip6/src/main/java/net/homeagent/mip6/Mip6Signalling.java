package net.homeagent.mip6;

import java.net.Inet6Address;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.codec.mip6.BindingRefreshRequest;
import net.homeagent.mip.codec.mip6.MalformedMobilityHeaderException;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.ipsec.EspInbound;
import net.homeagent.mip6.ipsec.EspTransform;
import net.homeagent.mip6.wire.InboundMobilityHeader;
import net.homeagent.mip6.wire.MalformedPacketException;
import net.homeagent.mip6.wire.MobilityPacketReader;
import net.homeagent.mip6.wire.MobilityPacketWriter;
import net.homeagent.mip6.wire.OutboundMobilityMessage;

/**
 * The node's Mobile IPv6 signalling between the packets and the roles: a packet for one of the
 * node's addresses is read down to its Mobility Header and handed to the role that owns the address
 * (the home agent's {@link net.homeagent.mip6.registration.HomeAgentResponder}, the correspondent's
 * {@link net.homeagent.mip6.correspondent.CorrespondentResponder}); what the role answers is written
 * back (RFC 6275 §6.4, §9.6); binding recovery's Binding Refresh Requests (§6.1.2) leave the same
 * way. ESP to the home agent's addresses (RFC 4877) is checked and decrypted by {@link EspInbound}
 * before the packet is read, and an answer that carries a protection is sealed on the way out.
 * Nothing a packet holds makes {@link #received} throw: malformed input is counted and logged
 * at most once per ten seconds (RFC 6275 §9.2: discarded; the ICMP Parameter Problem and Binding
 * Error answers the codec names are not sent, docs/mip6.md).
 */
public final class Mip6Signalling {

    private static final Logger LOG = LoggerFactory.getLogger(Mip6Signalling.class);
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    private final Map<Inet6Address, MobilityResponder> responders;
    private final Predicate<ByteBuf> dataPath;
    private final Mip6Counters counters;
    private final PacketSink sink;
    private final Clock clock;
    private final MobilityPacketReader reader = new MobilityPacketReader();
    private final MobilityPacketWriter writer;
    private final Optional<EspInbound> esp;
    private long lastMalformedLog = Long.MIN_VALUE;
    private long malformedSinceLog;

    /**
     * @param responders each of the node's addresses and the role that answers on it
     * @param dataPath   takes the packets that are data, not signalling (the tunnels of
     *                   {@link net.homeagent.mip6.forward.TunnelForwarder}), and says so; never
     *                   takes one when forwarding is off
     * @param counters   the signalling path's counters (packets, malformed, send failures)
     */
    public Mip6Signalling(Map<Inet6Address, MobilityResponder> responders, Predicate<ByteBuf> dataPath,
            Mip6Counters counters, PacketSink sink, Clock clock) {
        this(responders, dataPath, counters, sink, clock, Optional.empty(), Optional.empty());
    }

    /**
     * @param esp     terminates ESP to the home agent's addresses; empty: no ESP is terminated (no
     *                home agent), such packets are not Mobility Headers to this node
     * @param sealing seals the home agent's protected acknowledgements
     */
    public Mip6Signalling(Map<Inet6Address, MobilityResponder> responders, Predicate<ByteBuf> dataPath,
            Mip6Counters counters, PacketSink sink, Clock clock, Optional<EspInbound> esp,
            Optional<EspTransform> sealing) {
        this.esp = esp;
        this.writer = new MobilityPacketWriter(sealing);
        this.responders = Map.copyOf(responders);
        this.dataPath = dataPath;
        this.counters = counters;
        this.sink = sink;
        this.clock = clock;
    }

    /** One IPv6 packet routed to the node. Called on the signalling thread. */
    public void received(ByteBuf packet) {
        counters.count(Counter.PACKETS_RECEIVED);
        if (dataPath.test(packet)) {
            return;
        }
        Optional<EspInbound.Unprotected> unprotected = esp.isEmpty()
                ? Optional.of(new EspInbound.Unprotected(packet, Optional.empty()))
                : esp.get().unprotect(packet);
        if (unprotected.isEmpty()) {
            return;   // ESP that failed a check: counted by its reason
        }
        Optional<InboundMobilityHeader> inbound;
        try {
            inbound = reader.read(unprotected.get().packet())
                    .map(in -> in.protectedBy(unprotected.get().association()));
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
        MobilityResponder responder = inbound.map(in -> responders.get(in.destination())).orElse(null);
        if (responder == null) {
            counters.count(Counter.NOT_MOBILITY);
            return;
        }
        for (OutboundMobilityMessage answer : responder.answer(inbound.get(), clock.millis())) {
            send(answer);
        }
    }

    /**
     * Binding recovery's request to {@code entry}'s mobile node (RFC 6275 §6.1.2), from
     * {@code source}, to its care-of address through the type 2 routing header (§9.6).
     */
    public void sendRefreshRequest(Mip6Binding entry, Inet6Address source) {
        send(OutboundMobilityMessage.plain(new BindingRefreshRequest(List.of()), source, entry.careOfAddress(),
                entry.homeAddress()));
    }

    private void send(OutboundMobilityMessage outbound) {
        ByteBuf packet = Unpooled.buffer(128);
        try {
            if (!writer.write(outbound, packet)) {
                counters.count(Counter.ESP_SEQUENCE_EXHAUSTED);
                LOG.error("acknowledgement to {} not sent: its ESP security association sent 2^32 - 1 packets;"
                        + " give it new keys and SPIs (RFC 4303 §3.3.3)", outbound.homeAddress().getHostAddress());
                return;
            }
            if (outbound.protection().isPresent()) {
                counters.count(Counter.ESP_SENT);
            }
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
