package net.homeagent.mip6.ipsec;

import java.net.Inet6Address;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.mip.codec.mip6.Ipv6Fields;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;

/**
 * Inbound transport-mode ESP for the home agent's addresses, terminated in user space because the
 * packets never reach the host's own IPsec (docs/mip6.md, "Security"). RFC 4877 §4.1: a Binding
 * Update arrives as IPv6 | Destination Options (Home Address option) | ESP | Mobility Header. The
 * extension headers before ESP are walked (Hop-by-Hop, Routing, Destination Options: RFC 8200 §4.1's
 * order), the SA is found by the SPI alone (RFC 4301 §4.1, unicast), the ESP checked and decrypted
 * ({@link EspTransform}), and the packet handed on rebuilt without the ESP header and trailer (RFC
 * 4303 §3.4.4.1: the headers before it, the next header of the last one set to ESP's, the payload
 * length corrected). Each discard is counted by its reason and logged at most once per ten seconds.
 */
public final class EspInbound {

    private static final Logger LOG = LoggerFactory.getLogger(EspInbound.class);
    private static final int HEADER = 40;
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int DESTINATION_OPTIONS = 60;

    private final Set<Inet6Address> protectedAddresses;
    private final Supplier<SecurityAssociationDatabase> database;
    private final EspTransform transform;
    private final Mip6Counters counters;
    private final RateLimitedLog log;

    /** A packet as the signalling path goes on with it: decrypted when it was ESP, and the SA that protected it. */
    public record Unprotected(ByteBuf packet, Optional<EspSecurityAssociation> association) {
    }

    /**
     * @param protectedAddresses the home agent's addresses: ESP to another of the node's addresses is
     *                           not terminated (the MAP and correspondent roles have no SAs)
     */
    public EspInbound(Set<Inet6Address> protectedAddresses, Supplier<SecurityAssociationDatabase> database,
            EspTransform transform, Mip6Counters counters, Clock clock) {
        this.protectedAddresses = Set.copyOf(protectedAddresses);
        this.database = database;
        this.transform = transform;
        this.counters = counters;
        this.log = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::warn);
    }

    /**
     * @param packet a whole IPv6 packet, at least 40 octets of version 6 (the caller checked)
     * @return the packet itself when it is not ESP to a home agent address; the decrypted packet and
     *         its SA when it is ESP that passed every check; empty when it was discarded (counted)
     */
    public Optional<Unprotected> unprotect(ByteBuf packet) {
        int start = packet.readerIndex();
        if (packet.readableBytes() < HEADER
                || !protectedAddresses.contains(Ipv6Fields.read(packet, start + 24))) {
            return Optional.of(new Unprotected(packet, Optional.empty()));
        }
        int end = start + HEADER + packet.getUnsignedShort(start + 4);
        if (end > packet.writerIndex()) {
            return Optional.of(new Unprotected(packet, Optional.empty()));   // the reader refuses it as malformed
        }
        int nextHeaderAt = start + 6;
        int at = start + HEADER;
        int next = packet.getUnsignedByte(nextHeaderAt);
        while (next == HOP_BY_HOP || next == ROUTING || next == DESTINATION_OPTIONS) {
            if (at + 2 > end) {
                return Optional.of(new Unprotected(packet, Optional.empty()));
            }
            nextHeaderAt = at;
            next = packet.getUnsignedByte(at);
            at += (packet.getUnsignedByte(at + 1) + 1) * 8;
        }
        if (next != EspTransform.NEXT_HEADER || at > end) {
            return Optional.of(new Unprotected(packet, Optional.empty()));
        }
        byte[] esp = new byte[end - at];
        packet.getBytes(at, esp);
        long spi = EspTransform.spiOf(esp);
        Optional<EspSecurityAssociation> sa = database.get().forInboundSpi(spi);
        if (sa.isEmpty()) {
            discard(spi < 0 ? Counter.ESP_MALFORMED : Counter.ESP_UNKNOWN_SPI,
                    spi < 0 ? "ESP header cut short" : "no security association with SPI " + spi);
            return Optional.empty();
        }
        EspTransform.Opened opened;
        try {
            opened = transform.open(sa.get(), esp);
        } catch (EspDiscard e) {
            discard(e.counter(), sa.get().homeAddress().getHostAddress() + ": " + e.getMessage());
            return Optional.empty();
        }
        byte[] plain = new byte[at - start + opened.payload().length];
        packet.getBytes(start, plain, 0, at - start);
        System.arraycopy(opened.payload(), 0, plain, at - start, opened.payload().length);
        plain[nextHeaderAt - start] = (byte) opened.nextHeader();
        plain[4] = (byte) ((plain.length - HEADER) >>> 8);
        plain[5] = (byte) (plain.length - HEADER);
        counters.count(Counter.ESP_ACCEPTED);
        return Optional.of(new Unprotected(Unpooled.wrappedBuffer(plain), sa));
    }

    private void discard(Counter counter, String reason) {
        counters.count(counter);
        log.log(counter.name(), () -> "ESP packet to the home agent discarded (" + counter.text() + "): " + reason);
    }
}
