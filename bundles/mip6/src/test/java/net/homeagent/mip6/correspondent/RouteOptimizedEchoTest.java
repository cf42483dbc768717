package net.homeagent.mip6.correspondent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.mip6.DestinationOptionsCodec;
import net.homeagent.mip.codec.mip6.DestinationOptionsHeader;
import net.homeagent.mip.codec.mip6.InternetChecksum;
import net.homeagent.mip.codec.mip6.Ipv6Fields;
import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.CacheBackup;
import net.homeagent.mip6.cache.Mip6Binding;

/** The correspondent's echo on the optimized route (RFC 6275 §9.3.1-§9.3.3, RFC 4443 §4). */
class RouteOptimizedEchoTest {

    private static final Inet6Address CN = Addresses.v6("2001:db8:300::1");
    private static final Inet6Address HOME = Addresses.v6("2001:db8:100::10");
    private static final Inet6Address CARE_OF = Addresses.v6("2001:db8:a1::10");

    private final BindingCache cache = new BindingCache(CacheBackup.NONE);
    private final Mip6Counters counters = new Mip6Counters();
    private final Mip6Counters signalling = new Mip6Counters();
    private final MutableClock clock = MutableClock.at("2026-12-07T00:00:00Z");
    private final List<byte[]> written = new ArrayList<>();
    private final RouteOptimizedEcho echo = new RouteOptimizedEcho(Set.of(CN), cache, packet -> {
        byte[] octets = new byte[packet.readableBytes()];
        packet.getBytes(packet.readerIndex(), octets);
        return written.add(octets);
    }, counters, signalling, clock);

    @BeforeEach
    void bind() throws IOException {
        cache.put(new Mip6Binding(HOME, CARE_OF, 1, 600, Long.MAX_VALUE, Mip6Binding.Origin.REGISTERED));
    }

    /** An Echo Request to the correspondent, from {@code source}, with a Home Address option if {@code home}. */
    private static ByteBuf request(Inet6Address source, Inet6Address home, boolean rightChecksum) {
        ByteBuf packet = Unpooled.buffer();
        packet.writeInt(6 << 28).writeShort(0).writeByte(home == null ? 58 : 60).writeByte(64);
        packet.writeBytes(source.getAddress()).writeBytes(CN.getAddress());
        if (home != null) {
            new DestinationOptionsCodec().encode(DestinationOptionsHeader.withHomeAddress(58, home), packet);
        }
        int icmp = packet.writerIndex();
        packet.writeByte(128).writeByte(0).writeShort(0).writeShort(0x4242).writeShort(7).writeBytes(new byte[] {1, 2, 3});
        int checksum = InternetChecksum.compute(home == null ? source : home, CN, 58, packet, icmp,
                packet.writerIndex() - icmp);
        packet.setShort(icmp + 2, rightChecksum ? checksum : checksum ^ 1);
        packet.setShort(4, packet.writerIndex() - 40);
        return packet;
    }

    private static Inet6Address addressAt(byte[] packet, int at) {
        return Ipv6Fields.read(Unpooled.wrappedBuffer(packet), at);
    }

    @Test
    void aBoundMobileIsAnsweredOnTheOptimizedRoute() {
        assertThat(echo.test(request(CARE_OF, HOME, true))).isTrue();

        byte[] reply = written.get(0);
        assertThat(addressAt(reply, 8)).isEqualTo(CN);
        assertThat(addressAt(reply, 24)).as("to the care-of address").isEqualTo(CARE_OF);
        assertThat(reply[6]).as("type 2 routing header").isEqualTo((byte) 43);
        assertThat(reply[42]).isEqualTo((byte) 2);
        assertThat(addressAt(reply, 48)).isEqualTo(HOME);
        int icmp = 64;
        assertThat(reply[icmp] & 0xff).as("Echo Reply").isEqualTo(129);
        assertThat(Arrays.copyOfRange(reply, icmp + 4, reply.length)).containsExactly(0x42, 0x42, 0, 7, 1, 2, 3);
        assertThat(InternetChecksum.compute(CN, HOME, 58, Unpooled.wrappedBuffer(reply), icmp, reply.length - icmp))
                .as("checksummed over the home address").isZero();
        assertThat(counters.get(Counter.ECHO_ROUTE_OPTIMIZED)).isEqualTo(1);
    }

    @Test
    void aHomeAddressNotBoundToTheSourceGetsABindingErrorStatus1() {
        Inet6Address elsewhere = Addresses.v6("2001:db8:a9::10");
        assertThat(echo.test(request(elsewhere, HOME, true))).isTrue();

        byte[] error = written.get(0);
        assertThat(addressAt(error, 24)).as("to the packet's source").isEqualTo(elsewhere);
        assertThat(error[6]).as("a Mobility Header, no routing header").isEqualTo((byte) 135);
        assertThat(error[42]).as("MH Type 7, Binding Error").isEqualTo((byte) 7);
        assertThat(error[46]).as("status 1").isEqualTo((byte) 1);
        assertThat(addressAt(error, 48)).isEqualTo(HOME);
        assertThat(counters.get(Counter.UNKNOWN_HOME_ADDRESS)).isEqualTo(1);
        assertThat(counters.get(Counter.BINDING_ERRORS)).isEqualTo(1);
    }

    @Test
    void bindingErrorsAreRateLimited() {
        Inet6Address unbound = Addresses.v6("2001:db8:100::99");
        for (int i = 0; i < 15; i++) {
            echo.test(request(CARE_OF, unbound, true));
        }
        assertThat(written).hasSize(RouteOptimizedEcho.BINDING_ERRORS_PER_SECOND);
        clock.advance(Duration.ofSeconds(1));
        echo.test(request(CARE_OF, unbound, true));
        assertThat(written).hasSize(RouteOptimizedEcho.BINDING_ERRORS_PER_SECOND + 1);
        assertThat(counters.get(Counter.UNKNOWN_HOME_ADDRESS)).isEqualTo(16);
    }

    @Test
    void withoutAHomeAddressOptionAnUnboundSourceIsAnsweredDirectly() {
        Inet6Address host = Addresses.v6("2001:db8:c::9");
        assertThat(echo.test(request(host, null, true))).isTrue();
        assertThat(addressAt(written.get(0), 24)).isEqualTo(host);
        assertThat(written.get(0)[6]).isEqualTo((byte) 58);
        assertThat(counters.get(Counter.ECHO_DIRECT)).isEqualTo(1);
    }

    @Test
    void aBadChecksumIsDroppedAndOtherTrafficLeftToTheSignallingPath() {
        assertThat(echo.test(request(CARE_OF, HOME, false))).isTrue();
        assertThat(written).isEmpty();
        assertThat(signalling.get(Counter.MALFORMED)).isEqualTo(1);

        ByteBuf notForUs = request(CARE_OF, HOME, true);
        notForUs.setByte(24 + 15, 9); // another destination
        assertThat(echo.test(notForUs)).isFalse();
        ByteBuf mobility = request(CARE_OF, HOME, true);
        mobility.setByte(40, 135); // the Destination Options' next header: a Mobility Header
        assertThat(echo.test(mobility)).isFalse();
        assertThat(written).isEmpty();
    }
}
