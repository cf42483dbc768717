package net.homeagent.loadgen;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;

/**
 * A UDP responder on loopback standing in for a home agent: it answers each Registration Request
 * as {@link Answer} says, rightly signed or not, so that tests see what the load generator
 * believes. Plain DatagramSocket, one thread: nothing of the load generator's own transport.
 */
final class FakeHomeAgent implements AutoCloseable {

    /** How the fake answers a request of node {@code i} (whose key and SPI come from {@link MobileNodes}). */
    enum Answer {
        /** Code 0, the lifetime asked, signed with the node's key and SPI: what a home agent does. */
        SIGNED_ACCEPT,
        /** Code 0 signed with another key. */
        BAD_AUTHENTICATOR,
        /** Code 0 without an MN-HA extension. */
        UNSIGNED_ACCEPT,
        /** Code 0 signed with the node's key under another SPI. */
        WRONG_SPI,
        /** Code 0, rightly signed, granting a second more than asked. */
        LIFETIME_ABOVE_ASKED,
        /** Code 0 with two MN-HA extensions, each rightly computed over what precedes it. */
        TWO_MOBILE_HOME,
        /** Code 131 without an MN-HA extension, as from a home agent without the node's SA. */
        UNSIGNED_131,
        /** Code 133, rightly signed, with the home agent's time in the high 32 bits (RFC 5944 §5.7.1). */
        SIGNED_133,
        /** The request's bytes, unchanged. */
        ECHO
    }

    private final MipCodec codec = MipCodec.standard();
    private final MobileNodes nodes;
    private final Answer answer;
    private final DatagramSocket socket;
    private final Thread thread;

    FakeHomeAgent(MobileNodes nodes, Answer answer) throws IOException {
        this.nodes = nodes;
        this.answer = answer;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "fake-home-agent");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] request = Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] reply = answer == Answer.ECHO ? request : reply(request);
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException | MalformedMessageException e) {
                return; // closed
            }
        }
    }

    private byte[] reply(byte[] wire) throws MalformedMessageException {
        RegistrationRequest request = (RegistrationRequest) codec.decode(Unpooled.wrappedBuffer(wire));
        int node = nodes.nodeOf(request.homeAddress());
        long spi = answer == Answer.WRONG_SPI ? nodes.spi(node) + 1 : nodes.spi(node);
        byte[] key = answer == Answer.BAD_AUTHENTICATOR ? new byte[MobileNodes.KEY_OCTETS] : nodes.key(node);
        int code = switch (answer) {
            case UNSIGNED_131 -> 131;
            case SIGNED_133 -> 133;
            default -> 0;
        };
        long identification = answer == Answer.SIGNED_133
                ? 0x0bad_cafeL << 32 | request.identification() & 0xffff_ffffL : request.identification();
        int lifetime = answer == Answer.LIFETIME_ABOVE_ASKED ? request.lifetime() + 1 : request.lifetime();
        List<Extension> extensions = switch (answer) {
            case UNSIGNED_ACCEPT, UNSIGNED_131 -> List.of();
            case TWO_MOBILE_HOME -> List.of(AuthenticationExtension.mobileHome(spi), AuthenticationExtension.mobileHome(spi));
            default -> List.of(AuthenticationExtension.mobileHome(spi));
        };
        RegistrationReply reply = new RegistrationReply(code, lifetime, request.homeAddress(), request.homeAgent(),
                identification, extensions);
        ByteBuf out = Unpooled.buffer();
        codec.encode(reply, out, (extension, data, offset, length) ->
                AuthenticationAlgorithm.HMAC_MD5.compute(key, data, offset, length));
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(1000);
    }
}
