package net.homeagent.mip.codec.netty;

import static net.homeagent.mip.codec.Fixtures.MN_HA_KEY;
import static net.homeagent.mip.codec.Fixtures.hex;
import static net.homeagent.mip.codec.Fixtures.wireOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;

import net.homeagent.mip.codec.Fixtures;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.EncapsulatingDeliveryStyleExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.ext.RevocationSupportExtension;
import net.homeagent.mip.codec.ext.UdpTunnelReplyExtension;
import net.homeagent.mip.codec.ext.UdpTunnelRequestExtension;
import net.homeagent.mip.codec.ext.UnknownExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * Every message and extension through the Netty handlers: {@link MipDatagramEncoder} writes an
 * {@link OutboundDatagram}, the resulting packet goes into {@link MipDatagramDecoder}, and what
 * comes out must be the message that went in, its authenticators now computed.
 */
class EmbeddedChannelRoundTripTest {
    private static final InetSocketAddress HOME_AGENT_SOCKET = new InetSocketAddress(Fixtures.HOME_AGENT, 434);
    private static final InetSocketAddress PEER_SOCKET = new InetSocketAddress(Fixtures.CARE_OF_ADDRESS, 40434);

    private final MipCodec codec = MipCodec.standard();
    private final EmbeddedChannel channel = new EmbeddedChannel(new MipDatagramEncoder(codec),
            new MipDatagramDecoder(codec));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    static Stream<Arguments> extensions() {
        return Stream.of(
                Arguments.of(new NaiExtension("mn17@ha.example.net")),
                Arguments.of(new NaiExtension("jürgen@example.net")),
                Arguments.of(new VendorSpecificExtension(true, 5535, 3, hex("0102030405"))),
                Arguments.of(new VendorSpecificExtension(false, 9, 0xffff, new byte[0])),
                Arguments.of(new VendorSpecificExtension(true, 0xffffffffL, 7, new byte[300])),
                Arguments.of(new EncapsulatingDeliveryStyleExtension()),
                Arguments.of(new UdpTunnelRequestExtension(0, true, false, UdpTunnelRequestExtension.ENCAPSULATION_GRE)),
                Arguments.of(new UdpTunnelRequestExtension(0, false, true,
                        UdpTunnelRequestExtension.ENCAPSULATION_MINIMAL)),
                Arguments.of(new UdpTunnelReplyExtension(0, UdpTunnelReplyExtension.TUNNELLING_DECLINED, false, 0)),
                Arguments.of(new UdpTunnelReplyExtension(0, UdpTunnelReplyExtension.WILL_DO_TUNNELLING, true, 65535)),
                Arguments.of(new RevocationSupportExtension(false, 0xffffffffL)),
                Arguments.of(new RevocationSupportExtension(true, 0)),
                Arguments.of(new UnknownExtension(255, hex("00ff"))),
                Arguments.of(new UnknownExtension(128, new byte[0])));
    }

    @ParameterizedTest
    @MethodSource("extensions")
    void requestCarryingTheExtensionComesBackEqual(Extension extension) {
        MipMessage sent = Fixtures.request(List.of(extension, AuthenticationExtension.mobileHome(256)));

        MipMessage received = roundTrip(sent, Fixtures.hmacSigner(MN_HA_KEY));

        assertSameApartFromAuthenticators(received, sent);
    }

    @ParameterizedTest
    @MethodSource("extensions")
    void replyCarryingTheExtensionComesBackEqual(Extension extension) {
        MipMessage sent = Fixtures.reply(List.of(extension, AuthenticationExtension.mobileHome(256)));

        MipMessage received = roundTrip(sent, Fixtures.hmacSigner(MN_HA_KEY));

        assertSameApartFromAuthenticators(received, sent);
    }

    @Test
    void everyAuthenticationTypeIsSignedAndComesBack() {
        MipMessage sent = Fixtures.request(List.of(AuthenticationExtension.mobileHome(256),
                AuthenticationExtension.toSign(AuthenticationExtension.MOBILE_FOREIGN, 0, 1000),
                AuthenticationExtension.toSign(AuthenticationExtension.FOREIGN_HOME, 0, 0xffffffffL),
                AuthenticationExtension.toSign(AuthenticationExtension.GENERALIZED,
                        AuthenticationExtension.SUBTYPE_MN_AAA, 3)));

        MipMessage received = roundTrip(sent, Fixtures.hmacSigner(MN_HA_KEY));

        assertSameApartFromAuthenticators(received, sent);
    }

    @Test
    void messagesWithoutExtensionsComeBackEqual() {
        for (MipMessage sent : List.of(Fixtures.request(List.of()), Fixtures.reply(List.of()),
                new RegistrationReply(134, 0, Fixtures.HOME_ADDRESS, Fixtures.HOME_AGENT, -1L, List.of()))) {
            MipMessage received = roundTrip(sent, MessageSigner.NONE);

            assertThat(received).isEqualTo(Fixtures.withWire(sent, wireOf(received)));
        }
    }

    @Test
    void packetIsAddressedToTheRecipientFromTheGivenSender() {
        channel.writeOutbound(new OutboundDatagram(Fixtures.reply(List.of()), MessageSigner.NONE, PEER_SOCKET,
                HOME_AGENT_SOCKET));

        DatagramPacket packet = channel.readOutbound();
        try {
            assertThat(packet.recipient()).isEqualTo(PEER_SOCKET);
            assertThat(packet.sender()).isEqualTo(HOME_AGENT_SOCKET);
            assertThat(packet.content().readableBytes()).isEqualTo(20);
        } finally {
            packet.release();
        }
    }

    @Test
    void malformedPacketBecomesAMalformedDatagramWithItsAddresses() {
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(hex("0102")), HOME_AGENT_SOCKET,
                PEER_SOCKET));

        MalformedDatagram malformed = channel.readInbound();
        assertThat(malformed.error().isSilentDiscard()).isTrue();
        assertThat(malformed.sender()).isEqualTo(PEER_SOCKET);
        assertThat(malformed.recipient()).isEqualTo(HOME_AGENT_SOCKET);
        assertThat(channel.<Object>readInbound()).isNull();
    }

    /** Encoder then decoder; checks the addresses travel with the message. */
    private MipMessage roundTrip(MipMessage sent, MessageSigner signer) {
        assertThat(channel.writeOutbound(new OutboundDatagram(sent, signer, HOME_AGENT_SOCKET, PEER_SOCKET))).isTrue();
        DatagramPacket packet = channel.readOutbound();
        // what the home agent's socket would read: the same octets, sender and recipient seen from its side
        channel.writeInbound(new DatagramPacket(packet.content(), packet.recipient(), packet.sender()));
        InboundDatagram inbound = channel.readInbound();
        assertThat(inbound.sender()).isEqualTo(PEER_SOCKET);
        assertThat(inbound.recipient()).isEqualTo(HOME_AGENT_SOCKET);
        return inbound.message();
    }

    /**
     * The received message equals the sent one once each authentication extension built to be
     * signed is replaced by what the receiver must see: the HMAC-MD5 over the octets before its
     * authenticator field, and that count as authenticated length.
     */
    private static void assertSameApartFromAuthenticators(MipMessage received, MipMessage sent) {
        byte[] wire = wireOf(received).orElseThrow();
        List<Extension> expected = new ArrayList<>();
        for (int i = 0; i < sent.extensions().size(); i++) {
            Extension extension = sent.extensions().get(i);
            if (extension instanceof AuthenticationExtension auth) {
                int covered = ((AuthenticationExtension) received.extensions().get(i)).authenticatedLength();
                expected.add(new AuthenticationExtension(auth.type(), auth.subtype(), auth.spi(),
                        AuthenticationAlgorithm.HMAC_MD5.compute(MN_HA_KEY, wire, 0, covered), covered));
                assertThat(covered).isEqualTo(offsetOfAuthenticator(wire, i, sent));
            } else {
                expected.add(extension);
            }
        }
        MipMessage expectedMessage = Fixtures.rebuild(sent, expected, wireOf(received));
        assertThat(received).isEqualTo(expectedMessage);
    }

    /** Walks the wire independently of the codec: fixed part, then type/length framing. */
    private static int offsetOfAuthenticator(byte[] wire, int extensionIndex, MipMessage sent) {
        int offset = sent instanceof RegistrationRequest ? 24 : 20;
        for (int i = 0; i < extensionIndex; i++) {
            int type = wire[offset] & 0xff;
            boolean longFormat = type == AuthenticationExtension.GENERALIZED
                    || type == VendorSpecificExtension.CRITICAL_TYPE;
            offset += longFormat ? 4 + (((wire[offset + 2] & 0xff) << 8) | (wire[offset + 3] & 0xff))
                    : 2 + (wire[offset + 1] & 0xff);
        }
        int header = (wire[offset] & 0xff) == AuthenticationExtension.GENERALIZED ? 4 : 2;
        return offset + header + 4;
    }

}
