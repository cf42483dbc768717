package net.homeagent.mip.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

class Ipv4Test {

    @Test
    void theBitsAreTheOctetsInNetworkOrder() throws UnknownHostException {
        for (String dotted : List.of("0.0.0.0", "10.128.0.1", "127.0.0.1", "128.0.0.0", "192.0.2.255", "255.255.255.255")) {
            Inet4Address address = (Inet4Address) InetAddress.getByName(dotted);
            byte[] o = address.getAddress();
            int expected = (o[0] & 0xff) << 24 | (o[1] & 0xff) << 16 | (o[2] & 0xff) << 8 | o[3] & 0xff;
            assertThat(Ipv4.toInt(address)).as(dotted).isEqualTo(expected);
            assertThat(Ipv4.of(expected)).isEqualTo(address);
            assertThat(Ipv4.text(expected)).isEqualTo(dotted);
            assertThat(Ipv4.toUnsigned(address)).isEqualTo(Integer.toUnsignedLong(expected));
        }
    }

    @Test
    void unsignedOrderPutsHighAddressesLast() {
        assertThat(Ipv4.toUnsigned(Ipv4.parse("200.0.0.1").orElseThrow()))
                .isGreaterThan(Ipv4.toUnsigned(Ipv4.parse("10.0.0.1").orElseThrow()));
    }

    @Test
    void ipv4LiteralsOnly() {
        assertThat(Ipv4.parse(" 192.0.2.1 ")).contains(Ipv4.of(0xc000_0201));
        assertThat(Ipv4.parse("010.0.0.1")).contains(Ipv4.of(0x0a00_0001));
        for (String bad : List.of("", "192.0.2", "192.0.2.256", "a.b.c.d", "1..2.3", "localhost", "1.2.3.4.5", "-1.2.3.4",
                "10.0.0.1.", "::1", "1e1.0.0.1", "0010.0.0.1")) {
            assertThat(Ipv4.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void aSocketAddressWithoutIpv4IsUnspecified() {
        assertThat(Ipv4.addressOf(InetSocketAddress.createUnresolved("example.net", 434))).isEqualTo(Ipv4.UNSPECIFIED);
        assertThat(Ipv4.addressOf(new InetSocketAddress(Ipv4.of(0x0a00_0001), 434))).isEqualTo(Ipv4.of(0x0a00_0001));
        assertThat(Ipv4.isUnspecified(Ipv4.UNSPECIFIED)).isTrue();
        assertThat(Ipv4.isUnspecified(Ipv4.of(1))).isFalse();
    }
}
