package net.homeagent.dataplane.packet;

import static net.homeagent.dataplane.packet.Packets.CARE_OF;
import static net.homeagent.dataplane.packet.Packets.CORRESPONDENT;
import static net.homeagent.dataplane.packet.Packets.HOME;
import static net.homeagent.dataplane.packet.Packets.HOME_AGENT;
import static net.homeagent.dataplane.packet.Packets.NAT;
import static net.homeagent.dataplane.packet.Packets.bytes;
import static net.homeagent.dataplane.packet.Packets.echo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import net.homeagent.mip.api.Encapsulation;

class EncapsulatorTest {

    private static final int INNER = 28 + 56;

    private static TunnelEndpoint tunnel(Encapsulation encapsulation) {
        return udpTunnel(encapsulation, Encapsulation.IP_IN_IP);
    }

    /** A tunnel; for UDP one carrying {@code inside}. */
    private static TunnelEndpoint udpTunnel(Encapsulation encapsulation, Encapsulation inside) {
        return new TunnelEndpoint(encapsulation, HOME_AGENT, CARE_OF, HOME, encapsulation == Encapsulation.UDP ? NAT : 0,
                encapsulation == Encapsulation.UDP ? 40001 : 0, 434, true, inside);
    }

    private static ByteBuffer wrap(Encapsulation encapsulation, ByteBuffer inner, int[] length) {
        return wrap(tunnel(encapsulation), inner, length);
    }

    private static ByteBuffer wrap(TunnelEndpoint tunnel, ByteBuffer inner, int[] length) {
        ByteBuffer out = ByteBuffer.allocate(2048);
        length[0] = Encapsulator.encapsulate(inner, 0, inner.limit(), tunnel, out, 0);
        return out;
    }

    @Test
    void ipInIpPutsTheDatagramBehindAnOuterHeader() {
        ByteBuffer inner = echo(CORRESPONDENT, HOME, 56, true);
        int[] length = new int[1];
        ByteBuffer out = wrap(Encapsulation.IP_IN_IP, inner, length);

        assertThat(length[0]).isEqualTo(20 + INNER);
        assertThat(Ipv4Header.problem(out, 0, length[0])).isNull();
        assertThat(Ipv4Header.protocol(out, 0)).isEqualTo(4);
        assertThat(Ipv4Header.source(out, 0)).isEqualTo(HOME_AGENT);
        assertThat(Ipv4Header.destination(out, 0)).isEqualTo(CARE_OF);
        // RFC 2003 §3.1: TOS and DF copied from the inner header
        assertThat(Ipv4Header.tos(out, 0)).isEqualTo(0x10);
        assertThat(Ipv4Header.dontFragment(out, 0)).isTrue();
        assertThat(Ipv4Header.checksum(out, 0, 20)).isZero();
        assertThat(bytes(out, 20, INNER)).isEqualTo(bytes(inner, 0, INNER));
    }

    @Test
    void greCarriesTheHomeAddressAsKey() {
        int[] length = new int[1];
        ByteBuffer out = wrap(Encapsulation.GRE, echo(CORRESPONDENT, HOME, 56, false), length);

        assertThat(length[0]).isEqualTo(20 + 8 + INNER);
        assertThat(Ipv4Header.protocol(out, 0)).isEqualTo(47);
        assertThat(Ipv4Header.dontFragment(out, 0)).isFalse();
        assertThat(out.getShort(20) & 0xffff).isEqualTo(0x2000);   // K only, version 0
        assertThat(out.getShort(22) & 0xffff).isEqualTo(0x0800);
        assertThat(out.getInt(24)).isEqualTo(HOME);
    }

    @Test
    void minimalEncapsulationRewritesTheHeaderAndKeepsTheOriginalAddresses() {
        ByteBuffer inner = echo(CORRESPONDENT, HOME, 56, false);
        int[] length = new int[1];
        ByteBuffer out = wrap(Encapsulation.MINIMAL, inner, length);

        assertThat(length[0]).isEqualTo(INNER + 12);
        assertThat(Ipv4Header.problem(out, 0, length[0])).isNull();
        assertThat(Ipv4Header.protocol(out, 0)).isEqualTo(55);
        assertThat(Ipv4Header.source(out, 0)).isEqualTo(HOME_AGENT);
        assertThat(Ipv4Header.destination(out, 0)).isEqualTo(CARE_OF);
        assertThat(Ipv4Header.checksum(out, 0, 20)).isZero();
        assertForwardingHeaderAndPayload(out, 20, inner);
    }

    /** RFC 2004 §3: the minimal forwarding header at {@code at}, then the original payload. */
    private static void assertForwardingHeaderAndPayload(ByteBuffer out, int at, ByteBuffer inner) {
        assertThat(out.get(at)).as("original protocol").isEqualTo((byte) Ipv4Header.protocol(inner, 0));
        assertThat(out.get(at + 1) & 0x80).as("S: the original source is present").isEqualTo(0x80);
        assertThat(Ipv4Header.checksum(out, at, 12)).as("forwarding header checksum").isZero();
        assertThat(out.getInt(at + 4)).isEqualTo(HOME);
        assertThat(out.getInt(at + 8)).isEqualTo(CORRESPONDENT);
        assertThat(bytes(out, at + 12, INNER - 20)).isEqualTo(bytes(inner, 20, INNER - 20));
    }

    @Test
    void aFragmentIsNeverMinimallyEncapsulated() {
        ByteBuffer fragment = echo(CORRESPONDENT, HOME, 56, false);
        fragment.putShort(6, (short) 0x2000);
        int[] length = new int[1];

        ByteBuffer out = wrap(Encapsulation.MINIMAL, fragment, length);

        assertThat(Ipv4Header.protocol(out, 0)).isEqualTo(4);
    }

    @Test
    void udpTunnelDataGoesFromPort434ToTheNatsMapping() {
        int[] length = new int[1];
        ByteBuffer out = wrap(Encapsulation.UDP, echo(CORRESPONDENT, HOME, 56, false), length);

        assertThat(length[0]).isEqualTo(32 + INNER);
        assertThat(Ipv4Header.protocol(out, 0)).isEqualTo(17);
        assertThat(Ipv4Header.destination(out, 0)).isEqualTo(NAT);
        assertThat(out.getShort(20) & 0xffff).isEqualTo(434);
        assertThat(out.getShort(22) & 0xffff).isEqualTo(40001);
        assertThat(out.getShort(24) & 0xffff).isEqualTo(8 + 4 + INNER);
        assertThat(out.get(28)).isEqualTo((byte) 4);   // Tunnel Data
        assertThat(out.get(29)).isEqualTo((byte) 4);   // next header IP
        assertThat(tunnel(Encapsulation.UDP).destination()).isEqualTo(NAT);
    }

    @Test
    void greInsideUdpIsTunnelDataWithNextHeader47AndUnwrapsToTheSameDatagram() {
        ByteBuffer inner = echo(CORRESPONDENT, HOME, 56, true);
        int[] length = new int[1];
        ByteBuffer out = wrap(udpTunnel(Encapsulation.UDP, Encapsulation.GRE), inner, length);
        Decapsulated d = new Decapsulated();

        assertThat(length[0]).isEqualTo(32 + 8 + INNER);
        assertThat(out.getShort(24) & 0xffff).isEqualTo(8 + 4 + 8 + INNER);
        assertThat(out.get(29)).isEqualTo((byte) 47);
        assertThat(Decapsulator.fromTunnelData(out, 32, length[0] - 32, 47, NAT, d)).isNull();
        assertThat(bytes(out, d.innerAt, d.innerLength)).isEqualTo(bytes(inner, 0, INNER));
        assertThat(d.hasKey).as("the home address as key, as in a GRE tunnel (RFC 2890)").isTrue();
    }

    @Test
    void minimalInsideUdpCarriesTheForwardingHeaderAndThePayloadWithNextHeader55() {
        ByteBuffer inner = echo(CORRESPONDENT, HOME, 56, false);
        int[] length = new int[1];
        ByteBuffer out = wrap(udpTunnel(Encapsulation.UDP, Encapsulation.MINIMAL), inner, length);

        assertThat(length[0]).isEqualTo(32 + 12 + INNER - 20);
        assertThat(out.get(29)).isEqualTo((byte) 55);
        assertForwardingHeaderAndPayload(out, 32, inner);
    }

    @Test
    void aFragmentInsideUdpIsCarriedAsIpInIpNotMinimal() {
        ByteBuffer fragment = echo(CORRESPONDENT, HOME, 56, false);
        fragment.putShort(6, (short) 0x2000);   // MF
        fragment.putShort(10, (short) 0);
        fragment.putShort(10, (short) Ipv4Header.checksum(fragment, 0, 20));
        int[] length = new int[1];
        ByteBuffer out = wrap(udpTunnel(Encapsulation.UDP, Encapsulation.MINIMAL), fragment, length);

        assertThat(out.get(29)).isEqualTo((byte) 4);
        assertThat(bytes(out, 32, INNER)).isEqualTo(bytes(fragment, 0, INNER));
    }

    @ParameterizedTest
    @EnumSource(value = Encapsulation.class, names = {"IP_IN_IP", "GRE", "MINIMAL"})
    void whatIsWrappedUnwrapsToTheSameDatagram(Encapsulation encapsulation) {
        ByteBuffer inner = echo(CORRESPONDENT, HOME, 56, true);
        int[] length = new int[1];
        ByteBuffer out = wrap(encapsulation, inner, length);
        Decapsulated d = new Decapsulated();

        assertThat(Decapsulator.fromRawSocket(out, 0, length[0], d)).isNull();

        assertThat(d.outerSource).isEqualTo(HOME_AGENT);
        assertThat(bytes(out, d.innerAt, d.innerLength)).isEqualTo(bytes(inner, 0, INNER));
        assertThat(d.hasKey).isEqualTo(encapsulation == Encapsulation.GRE);
    }
}
