package net.homeagent.dataplane.packet;

import static net.homeagent.dataplane.packet.Packets.CARE_OF;
import static net.homeagent.dataplane.packet.Packets.CORRESPONDENT;
import static net.homeagent.dataplane.packet.Packets.HOME;
import static net.homeagent.dataplane.packet.Packets.HOME_AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Encapsulation;

class DecapsulatorTest {

    private final Decapsulated d = new Decapsulated();

    /** What the mobile node sends back: its reply from the home address, wrapped from the care-of address. */
    private static ByteBuffer reverse(Encapsulation encapsulation, int[] length) {
        ByteBuffer inner = Packets.echo(HOME, CORRESPONDENT, 32, false);
        ByteBuffer out = ByteBuffer.allocate(256);
        TunnelEndpoint fromMobile = new TunnelEndpoint(encapsulation, CARE_OF, HOME_AGENT, HOME, 0, 0, 0, true,
                Encapsulation.IP_IN_IP);
        length[0] = Encapsulator.encapsulate(inner, 0, inner.limit(), fromMobile, out, 0);
        return out;
    }

    @Test
    void greWithChecksumAndSequenceNumberIsUnwrapped() {
        ByteBuffer inner = Packets.echo(HOME, CORRESPONDENT, 32, false);
        ByteBuffer gre = ByteBuffer.allocate(20 + 16 + inner.limit());
        Ipv4Header.write(gre, 0, 0, gre.limit(), false, 47, CARE_OF, HOME_AGENT);
        gre.putShort(20, (short) 0xb000).putShort(22, (short) 0x0800).putInt(28, HOME).putInt(32, 7);
        gre.put(36, inner, 0, inner.limit());
        gre.putShort(24, (short) Ipv4Header.checksum(gre, 20, gre.limit() - 20));

        assertThat(Decapsulator.fromRawSocket(gre, 0, gre.limit(), d)).isNull();

        assertThat(d.innerAt).isEqualTo(36);
        assertThat(d.key).isEqualTo(HOME);
        assertThat(d.outerSource).isEqualTo(CARE_OF);
    }

    @Test
    void greOtherThanVersion0IPv4WithoutRoutingIsRefused() {
        int[] length = new int[1];
        ByteBuffer gre = reverse(Encapsulation.GRE, length);
        gre.putShort(20, (short) 0x2001);
        assertThat(Decapsulator.fromRawSocket(gre, 0, length[0], d)).contains("version 1");
        gre.putShort(20, (short) 0x6000);
        assertThat(Decapsulator.fromRawSocket(gre, 0, length[0], d)).contains("routing");
        gre.putShort(20, (short) 0x2000).putShort(22, (short) 0x86dd);
        assertThat(Decapsulator.fromRawSocket(gre, 0, length[0], d)).contains("not IPv4");
    }

    @Test
    void aMinimalHeaderWithABadChecksumIsRefused() {
        int[] length = new int[1];
        ByteBuffer minimal = reverse(Encapsulation.MINIMAL, length);
        minimal.put(24, (byte) (minimal.get(24) ^ 1));

        assertThat(Decapsulator.fromRawSocket(minimal, 0, length[0], d)).contains("checksum");
    }

    @Test
    void minimalWithoutSourceTakesTheOuterSource() {
        int[] length = new int[1];
        ByteBuffer minimal = reverse(Encapsulation.MINIMAL, length);
        // S = 0: the encapsulator (the mobile node at its care-of address) is the original sender
        ByteBuffer shorter = ByteBuffer.allocate(length[0] - 4);
        shorter.put(0, minimal, 0, 28);
        shorter.put(28, minimal, 32, length[0] - 32);
        shorter.putShort(2, (short) shorter.limit()).put(21, (byte) 0).putShort(22, (short) 0);
        shorter.putShort(10, (short) 0).putShort(10, (short) Ipv4Header.checksum(shorter, 0, 20));
        shorter.putShort(22, (short) Ipv4Header.checksum(shorter, 20, 8));

        assertThat(Decapsulator.fromRawSocket(shorter, 0, shorter.limit(), d)).isNull();

        assertThat(Ipv4Header.source(shorter, d.innerAt)).isEqualTo(CARE_OF);
        assertThat(Ipv4Header.destination(shorter, d.innerAt)).isEqualTo(CORRESPONDENT);
        assertThat(Ipv4Header.checksum(shorter, d.innerAt, 20)).isZero();
    }

    @Test
    void truncatedAndNonTunnelDatagramsAreRefused() {
        int[] length = new int[1];
        ByteBuffer ipip = reverse(Encapsulation.IP_IN_IP, length);
        assertThat(Decapsulator.fromRawSocket(ipip, 0, length[0] - 1, d)).contains("total length");
        assertThat(Decapsulator.fromRawSocket(ipip, 0, 10, d)).contains("shorter");
        ipip.put(9, (byte) 6);
        assertThat(Decapsulator.fromRawSocket(ipip, 0, length[0], d)).contains("no tunnel");
    }

    @Test
    void tunnelDataCarriesTheDatagramAfterItsHeader() {
        ByteBuffer inner = Packets.echo(HOME, CORRESPONDENT, 32, false);

        assertThat(Decapsulator.fromTunnelData(inner, 0, inner.limit(), 4, Packets.NAT, d)).isNull();
        assertThat(d.outerSource).isEqualTo(Packets.NAT);
        assertThat(Decapsulator.fromTunnelData(inner, 0, inner.limit(), 55, Packets.NAT, d)).contains("next header 55");
    }

    @Test
    void gratuitousArpNamesTheHomeAddressTwice() {
        byte[] mac = {2, 0, 0, 0, 0, 1};
        ByteBuffer arp = ByteBuffer.wrap(GratuitousArp.request(HOME, mac));

        assertThat(arp.getShort(6)).isEqualTo((short) 1);
        assertThat(arp.getInt(14)).isEqualTo(HOME);
        assertThat(arp.getInt(24)).isEqualTo(HOME);
        assertThat(Packets.bytes(arp, 8, 6)).isEqualTo(mac);
    }
}
