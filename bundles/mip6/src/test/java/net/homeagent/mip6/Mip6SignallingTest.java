package net.homeagent.mip6;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.codec.mip6.BindingAcknowledgement;
import net.homeagent.mip.codec.mip6.BindingRefreshRequest;
import net.homeagent.mip.codec.mip6.BindingUpdate;
import net.homeagent.mip.codec.mip6.DestinationOptionsCodec;
import net.homeagent.mip.codec.mip6.DestinationOptionsHeader;
import net.homeagent.mip.codec.mip6.HomeTestInit;
import net.homeagent.mip.codec.mip6.MobilityHeaderCodec;
import net.homeagent.mip.codec.mip6.MobilityMessage;
import net.homeagent.mip.codec.mip6.Type2RoutingHeader;
import net.homeagent.mip.codec.mip6.Type2RoutingHeaderCodec;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.CacheBackup;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.registration.HomeAgentResponder;
import net.homeagent.mip6.registration.HomeRegistration;
import net.homeagent.mip6.registration.HomeRegistrationSettings;
import net.homeagent.mip6.registration.RegistrationKind;
import net.homeagent.mip6.registration.Ipv6Prefix;

/** Whole IPv6 packets in and out, as the signalling device carries them. */
class Mip6SignallingTest {

    private static final Inet6Address HA = Addresses.v6("2001:db8:100::1");
    private static final Inet6Address HOME = Addresses.v6("2001:db8:100::10");
    private static final Inet6Address CARE_OF = Addresses.v6("2001:db8:a1::10");

    private final List<byte[]> out = new ArrayList<>();
    private final Mip6Counters counters = new Mip6Counters();
    private final Mip6Counters signallingCounters = new Mip6Counters();
    private final BindingCache cache = new BindingCache(CacheBackup.NONE);
    private final Mip6Signalling signalling = new Mip6Signalling(Map.of(HA, new HomeAgentResponder(
            new HomeRegistration(new HomeRegistrationSettings(RegistrationKind.HOME,
                    List.of(Ipv6Prefix.parse("2001:db8:100::/64")), List.of(), 3600, 100, List.of(HA)), cache,
                    home -> false, counters, home -> { }), counters)),
            packet -> false, signallingCounters, packet -> {
                byte[] octets = new byte[packet.readableBytes()];
                packet.getBytes(packet.readerIndex(), octets);
                return out.add(octets);
            }, Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));

    /** A mobile node's packet: IPv6 header, Destination Options with the Home Address option, Mobility Header. */
    private static ByteBuf fromMobile(MobilityMessage message, Inet6Address destination) {
        ByteBuf payload = Unpooled.buffer();
        new DestinationOptionsCodec().encode(DestinationOptionsHeader.withHomeAddress(MobilityHeaderCodec.NEXT_HEADER,
                HOME), payload);
        new MobilityHeaderCodec().encode(message, HOME, destination, payload);
        ByteBuf packet = Unpooled.buffer();
        packet.writeInt(6 << 28).writeShort(payload.readableBytes()).writeByte(DestinationOptionsCodec.NEXT_HEADER)
                .writeByte(64).writeBytes(CARE_OF.getAddress()).writeBytes(destination.getAddress())
                .writeBytes(payload);
        return packet;
    }

    /** Reads what the home agent sent the mobile: checks the headers and returns the message. */
    private static MobilityMessage toMobile(byte[] octets) throws Exception {
        ByteBuf packet = Unpooled.wrappedBuffer(octets);
        assertThat(packet.getUnsignedByte(0) >>> 4).isEqualTo(6);
        assertThat(packet.getUnsignedShort(4)).isEqualTo(octets.length - 40);
        assertThat((int) packet.getUnsignedByte(6)).isEqualTo(Type2RoutingHeader.NEXT_HEADER);
        byte[] source = new byte[16];
        byte[] destination = new byte[16];
        packet.getBytes(8, source);
        packet.getBytes(24, destination);
        assertThat(source).isEqualTo(HA.getAddress());
        assertThat(destination).as("to the care-of address").isEqualTo(CARE_OF.getAddress());
        packet.readerIndex(40);
        Type2RoutingHeader routing = new Type2RoutingHeaderCodec().decode(packet);
        assertThat(routing.homeAddress()).isEqualTo(HOME);
        assertThat(routing.segmentsLeft()).isEqualTo(1);
        assertThat(routing.nextHeader()).isEqualTo(MobilityHeaderCodec.NEXT_HEADER);
        // the checksum is over the home address as the final destination (RFC 6275 §6.4)
        return new MobilityHeaderCodec().decode(packet, HA, HOME);
    }

    @Test
    void aBindingUpdateWithTheHomeAddressOptionGetsAnAcknowledgementThroughTheRoutingHeader() throws Exception {
        signalling.received(fromMobile(new BindingUpdate(9, true, true, false, false, false, 100, List.of()), HA));
        assertThat(out).hasSize(1);
        BindingAcknowledgement ack = (BindingAcknowledgement) toMobile(out.get(0));
        assertThat(ack.status()).isZero();
        assertThat(ack.sequence()).isEqualTo(9);
        assertThat(ack.lifetimeUnits()).isEqualTo(100);
        assertThat(cache.get(HOME).orElseThrow().careOfAddress()).isEqualTo(CARE_OF);
        assertThat(counters.get(Counter.BINDING_UPDATES)).isEqualTo(1);
    }

    @Test
    void aRefusedUpdateIsAcknowledgedWithItsStatus() throws Exception {
        signalling.received(fromMobile(new BindingUpdate(9, false, true, false, false, false, 0, List.of()), HA));
        BindingAcknowledgement ack = (BindingAcknowledgement) toMobile(out.get(0));
        assertThat(ack.status()).isEqualTo(133);
    }

    @Test
    void aBindingRefreshRequestGoesToTheCareOfAddressThroughTheRoutingHeader() throws Exception {
        signalling.sendRefreshRequest(new Mip6Binding(HOME, CARE_OF, 3, 600, 0, Mip6Binding.Origin.RESTORED), HA);
        assertThat(toMobile(out.get(0))).isInstanceOf(BindingRefreshRequest.class);
    }

    @Test
    void otherMessagesOtherDestinationsAndOtherProtocolsAreCountedNotAnswered() {
        signalling.received(fromMobile(new HomeTestInit(0x1122334455667788L, List.of()), HA));
        signalling.received(fromMobile(new BindingUpdate(9, true, true, false, false, false, 100, List.of()),
                Addresses.v6("2001:db8:100::2")));
        ByteBuf icmp = Unpooled.buffer();
        icmp.writeInt(6 << 28).writeShort(8).writeByte(58).writeByte(64).writeBytes(CARE_OF.getAddress())
                .writeBytes(HA.getAddress()).writeLong(0x8000000000000000L);
        signalling.received(icmp);
        assertThat(out).isEmpty();
        assertThat(counters.get(Counter.OTHER_MESSAGES)).isEqualTo(1);
        assertThat(signallingCounters.get(Counter.NOT_MOBILITY)).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void malformedPacketsAreCountedAndDroppedWithoutThrowing() {
        ByteBuf good = fromMobile(new BindingUpdate(9, true, true, false, false, false, 100, List.of()), HA);
        byte[] octets = new byte[good.readableBytes()];
        good.getBytes(0, octets);
        byte[] badChecksum = octets.clone();
        badChecksum[octets.length - 1] ^= 0x40;
        signalling.received(Unpooled.wrappedBuffer(badChecksum));
        signalling.received(Unpooled.wrappedBuffer(octets, 0, 39));
        byte[] longerThanSent = octets.clone();
        longerThanSent[5] += 8;
        signalling.received(Unpooled.wrappedBuffer(longerThanSent));
        byte[] ipv4 = octets.clone();
        ipv4[0] = 0x45;
        signalling.received(Unpooled.wrappedBuffer(ipv4));
        assertThat(out).isEmpty();
        assertThat(signallingCounters.get(Counter.MALFORMED)).isEqualTo(4);
        assertThat(cache.size()).isZero();
    }
}
