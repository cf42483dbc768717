package net.homeagent.mip6.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.codec.mip6.InternetChecksum;
import net.homeagent.mip.codec.mip6.Ipv6Fields;
import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.CacheBackup;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.registration.Ipv6Prefix;

/** The home agent's and the MAP's tunnels (RFC 2473, RFC 6275 §10.4.1 and §10.4.5, RFC 5380). */
class TunnelForwarderTest {

    private static final Inet6Address HA = Addresses.v6("2001:db8:100::1");
    private static final Inet6Address HOME = Addresses.v6("2001:db8:100::10");
    private static final Inet6Address CARE_OF = Addresses.v6("2001:db8:a1::10");
    private static final Inet6Address MAP = Addresses.v6("2001:db8:300::1");
    private static final Inet6Address RCOA = Addresses.v6("2001:db8:300::10");
    private static final Inet6Address LCOA = Addresses.v6("2001:db8:a7::10");
    private static final Inet6Address CORRESPONDENT = Addresses.v6("2001:db8:c::9");

    private final BindingCache homeAgent = new BindingCache(CacheBackup.NONE);
    private final BindingCache map = new BindingCache(CacheBackup.NONE);
    private final Mip6Counters counters = new Mip6Counters();
    private final List<byte[]> written = new ArrayList<>();
    private final TunnelForwarder forwarder = new TunnelForwarder(List.of(
            new TunnelForwarder.Anchor(homeAgent, HA, Set.of(HA), List.of(Ipv6Prefix.parse("2001:db8:100::/64"))),
            new TunnelForwarder.Anchor(map, MAP, Set.of(MAP), List.of(Ipv6Prefix.parse("2001:db8:300::/64")))),
            packet -> {
                byte[] octets = new byte[packet.readableBytes()];
                packet.getBytes(packet.readerIndex(), octets);
                return written.add(octets);
            }, counters, 1500);

    @BeforeEach
    void bind() throws IOException {
        homeAgent.put(new Mip6Binding(HOME, CARE_OF, 1, 600, Long.MAX_VALUE, Mip6Binding.Origin.REGISTERED));
        map.put(new Mip6Binding(RCOA, LCOA, 1, 600, Long.MAX_VALUE, Mip6Binding.Origin.REGISTERED));
    }

    /** An IPv6 packet of {@code payload} octets of next header 59 (no next header). */
    private static ByteBuf packet(Inet6Address source, Inet6Address destination, int nextHeader, byte[] payload) {
        ByteBuf packet = Unpooled.buffer();
        packet.writeInt(6 << 28).writeShort(payload.length).writeByte(nextHeader).writeByte(63);
        packet.writeBytes(source.getAddress()).writeBytes(destination.getAddress()).writeBytes(payload);
        return packet;
    }

    private static byte[] octets(ByteBuf packet) {
        byte[] octets = new byte[packet.readableBytes()];
        packet.getBytes(packet.readerIndex(), octets);
        return octets;
    }

    private static Inet6Address addressAt(byte[] packet, int at) {
        return Ipv6Fields.read(Unpooled.wrappedBuffer(packet), at);
    }

    @Test
    void aPacketForABoundHomeAddressIsTunnelledFromTheHomeAgentToTheCareOfAddress() {
        ByteBuf inner = packet(CORRESPONDENT, HOME, 59, new byte[100]);
        byte[] original = octets(inner);

        assertThat(forwarder.handle(inner)).isTrue();

        byte[] outer = written.get(0);
        assertThat(outer[0] >>> 4).isEqualTo(6);
        assertThat(((outer[4] & 0xff) << 8) | (outer[5] & 0xff)).isEqualTo(original.length);
        assertThat(outer[6]).isEqualTo((byte) 41);
        assertThat(outer[7]).isEqualTo((byte) 64);
        assertThat(addressAt(outer, 8)).isEqualTo(HA);
        assertThat(addressAt(outer, 24)).isEqualTo(CARE_OF);
        assertThat(Arrays.copyOfRange(outer, 40, outer.length)).isEqualTo(original);
        assertThat(counters.get(Counter.TUNNELLED)).isEqualTo(1);
    }

    @Test
    void aPacketForABoundRegionalCareOfAddressIsTunnelledFromTheMapToTheOnLinkOne() {
        assertThat(forwarder.handle(packet(CORRESPONDENT, RCOA, 59, new byte[8]))).isTrue();
        assertThat(addressAt(written.get(0), 8)).isEqualTo(MAP);
        assertThat(addressAt(written.get(0), 24)).isEqualTo(LCOA);
    }

    @Test
    void aReverseTunnelFromTheRegisteredCareOfAddressIsDecapsulated() {
        byte[] inner = octets(packet(HOME, CORRESPONDENT, 59, new byte[20]));
        assertThat(forwarder.handle(packet(CARE_OF, HA, 41, inner))).isTrue();
        assertThat(written).containsExactly(inner);
        assertThat(counters.get(Counter.REVERSE_TUNNELLED)).isEqualTo(1);
    }

    @Test
    void aReverseTunnelFromAnotherAddressOrMalformedIsDropped() {
        byte[] inner = octets(packet(HOME, CORRESPONDENT, 59, new byte[20]));
        assertThat(forwarder.handle(packet(Addresses.v6("2001:db8:a9::66"), HA, 41, inner))).isTrue();
        byte[] unknownHome = octets(packet(Addresses.v6("2001:db8:100::99"), CORRESPONDENT, 59, new byte[20]));
        assertThat(forwarder.handle(packet(CARE_OF, HA, 41, unknownHome))).isTrue();
        assertThat(forwarder.handle(packet(CARE_OF, HA, 41, Arrays.copyOf(inner, 30)))).isTrue();
        byte[] lying = inner.clone();
        lying[5] = 99; // an inner payload length that is not what the outer one leaves
        assertThat(forwarder.handle(packet(CARE_OF, HA, 41, lying))).isTrue();

        assertThat(written).isEmpty();
        assertThat(counters.get(Counter.REVERSE_REFUSED)).isEqualTo(4);
    }

    @Test
    void signallingToTheRolesAddressesIsLeftToTheSignallingPath() {
        assertThat(forwarder.handle(packet(CARE_OF, HA, 60, new byte[8]))).isFalse();
        assertThat(forwarder.handle(packet(LCOA, MAP, 135, new byte[8]))).isFalse();
        assertThat(forwarder.handle(Unpooled.wrappedBuffer(new byte[12]))).isFalse();
        assertThat(written).isEmpty();
    }

    @Test
    void anUnboundAddressOfARoutedPrefixIsDroppedAndCountedAnotherRolesIsLeftAlone() {
        assertThat(forwarder.handle(packet(CORRESPONDENT, Addresses.v6("2001:db8:100::77"), 59, new byte[8]))).isTrue();
        assertThat(forwarder.handle(packet(CARE_OF, Addresses.v6("2001:db8:500::1"), 135, new byte[8])))
                .as("a correspondent's address: its Home Test Init is signalling").isFalse();
        assertThat(written).isEmpty();
        assertThat(counters.get(Counter.NOT_BOUND)).isEqualTo(1);
    }

    @Test
    void aPacketTooBigForTheTunnelIsAnsweredWithPacketTooBigToItsSource() {
        ByteBuf big = packet(CORRESPONDENT, HOME, 59, new byte[1500 - 40 - 39]);

        assertThat(forwarder.handle(big)).isTrue();

        byte[] error = written.get(0);
        assertThat(error.length).isEqualTo(1280);
        assertThat(error[6]).isEqualTo((byte) 58);
        assertThat(addressAt(error, 8)).isEqualTo(HA);
        assertThat(addressAt(error, 24)).isEqualTo(CORRESPONDENT);
        assertThat(error[40]).as("Packet Too Big").isEqualTo((byte) 2);
        assertThat(((error[44] & 0xff) << 24 | (error[45] & 0xff) << 16 | (error[46] & 0xff) << 8 | (error[47] & 0xff)))
                .as("the MTU the tunnel leaves").isEqualTo(1460);
        ByteBuf icmp = Unpooled.wrappedBuffer(error);
        assertThat(InternetChecksum.compute(HA, CORRESPONDENT, 58, icmp, 40, error.length - 40)).isZero();
        assertThat(counters.get(Counter.TOO_BIG)).isEqualTo(1);
        assertThat(counters.get(Counter.TOO_BIG_ANSWERED)).isEqualTo(1);

        // one octet less fits: 1460 + 40
        written.clear();
        assertThat(forwarder.handle(packet(CORRESPONDENT, HOME, 59, new byte[1500 - 40 - 40]))).isTrue();
        assertThat(written.get(0)).hasSize(1500);
    }

    @Test
    void noPacketTooBigForAnIcmpv6ErrorNorALinkBelowTheMinimum() {
        byte[] error = new byte[1500];
        error[0] = 1; // Destination Unreachable: an error, never answered with another (RFC 4443 §2.4 (e))
        assertThat(forwarder.handle(packet(CORRESPONDENT, HOME, 58, error))).isTrue();
        assertThat(written).isEmpty();
        assertThat(counters.get(Counter.TOO_BIG)).isEqualTo(1);
        assertThatThrownBy(() -> new TunnelForwarder(List.of(), packet -> true, counters, 1300))
                .hasMessageContaining("1320");
    }
}
