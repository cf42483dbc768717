package net.homeagent.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;

/**
 * A mobile node registering a care-of address with the home agent over real UDP, its requests
 * relayed from the loopback address (no D flag, so the home agent sees a foreign agent there).
 * Requests carry the Mobile-Home Authentication Extension (RFC 5944 §3.5.2, HMAC-MD5, SPI 256)
 * and a timestamp identification (§5.7.1); replies are checked the way the mobile node must
 * check them (§3.6.2.2).
 */
final class TestMobileNode {
    /** The key of etc/mobility-security.conf in src/test/resources. */
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final long SPI = 256;
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970), RFC 5905 §6. */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;
    /** Requests sent before the home agent's socket is bound go unanswered: send again, this often. */
    private static final int ATTEMPTS = 5;
    private static final int REPLY_TIMEOUT_MILLIS = 2000;

    private final MipCodec codec = MipCodec.standard();
    private final MessageSigner signer = (ext, data, offset, length) ->
            AuthenticationAlgorithm.HMAC_MD5.compute(KEY, data, offset, length);
    private final Inet4Address homeAddress;
    private final Inet4Address careOfAddress;
    private final Inet4Address homeAgent;
    private final int port;

    TestMobileNode(Inet4Address homeAddress, Inet4Address careOfAddress, Inet4Address homeAgent, int port) {
        this.homeAddress = homeAddress;
        this.careOfAddress = careOfAddress;
        this.homeAgent = homeAgent;
        this.port = port;
    }

    static Inet4Address ipv4(String dottedQuad) {
        try {
            return (Inet4Address) InetAddress.getByName(dottedQuad);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(dottedQuad, e);
        }
    }

    /** Registers for {@code lifetime} seconds (0 = deregister, RFC 5944 §3.6.1.2) and returns the verified reply. */
    RegistrationReply register(int lifetime) throws IOException, MalformedMessageException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
            for (int attempt = 1;; attempt++) {
                RegistrationRequest request = new RegistrationRequest(0, lifetime, homeAddress, homeAgent, careOfAddress,
                        timestampNow(), List.of(AuthenticationExtension.mobileHome(SPI)));
                byte[] datagram = encode(request);
                socket.send(new DatagramPacket(datagram, datagram.length, homeAgent, port));
                try {
                    return verified(request, receive(socket));
                } catch (SocketTimeoutException e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
    }

    private byte[] encode(RegistrationRequest request) {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(request, out, signer);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private MipMessage receive(DatagramSocket socket) throws IOException, MalformedMessageException {
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        socket.receive(packet);
        ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOf(packet.getData(), packet.getLength()));
        try {
            return codec.decode(in);
        } finally {
            in.release();
        }
    }

    /** The checks of RFC 5944 §3.6.2.2 (authenticator) and §5.7.1 (identification echo). */
    private static RegistrationReply verified(RegistrationRequest request, MipMessage message) {
        assertTrue("a Registration Reply: " + message, message instanceof RegistrationReply);
        RegistrationReply reply = (RegistrationReply) message;
        assertEquals("low-order 32 bits of the identification echoed", request.identification() & 0xffffffffL,
                reply.identification() & 0xffffffffL);
        AuthenticationExtension auth = reply.extension(AuthenticationExtension.class)
                .orElseThrow(() -> new AssertionError("reply without Mobile-Home Authentication Extension"));
        assertEquals(AuthenticationExtension.MOBILE_HOME, auth.type());
        assertEquals(SPI, auth.spi());
        byte[] wire = reply.wire().orElseThrow();
        assertTrue("reply authenticator verifies with the mobile node's key",
                AuthenticationAlgorithm.HMAC_MD5.verify(KEY, wire, 0, auth.authenticatedLength(), auth.authenticator()));
        return reply;
    }

    /** An NTP timestamp of now: seconds since 1900 in the high 32 bits, the fraction in the low 32 (RFC 5944 §5.7.1). */
    private static long timestampNow() {
        Instant now = Instant.now();
        long seconds = now.getEpochSecond() + NTP_UNIX_OFFSET;
        long fraction = (now.getNano() * (1L << 32)) / 1_000_000_000L;
        return seconds << 32 | fraction;
    }
}
