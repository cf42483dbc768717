package net.homeagent.mimmclient.homeagent;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

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
 * A home agent on loopback for the client's tests: plain DatagramSocket, one thread, nothing of the
 * client's transport. It checks each request's MN-HA authenticator with the node's key (recording
 * the request and the result) and sends what {@code answer} makes of it, signed with {@code replyKey}
 * ({@code null}: sends nothing).
 */
public final class FakeHomeAgent implements AutoCloseable {

    public record Received(RegistrationRequest request, boolean authentic) {
    }

    /**
     * A reply to send: code and extensions before the MN-HA extension, signed with {@code key}, granting
     * {@code lifetime} seconds (-1: the lifetime asked).
     */
    public record Answer(int code, List<Extension> extensions, byte[] key, long spi, int identificationHigh,
            int lifetime) {

        public Answer(int code, List<Extension> extensions, byte[] key, long spi, int identificationHigh) {
            this(code, extensions, key, spi, identificationHigh, -1);
        }
    }

    private final MipCodec codec = MipCodec.standard();
    private final byte[] nodeKey;
    private final BlockingQueue<Function<RegistrationRequest, Answer>> answers = new LinkedBlockingQueue<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final DatagramSocket socket;

    public FakeHomeAgent(byte[] nodeKey) throws IOException {
        this.nodeKey = nodeKey.clone();
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(this::serve, "fake-home-agent");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The next request is answered by {@code answer}; a null answer sends nothing. */
    public void then(Function<RegistrationRequest, Answer> answer) {
        answers.add(answer);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                RegistrationRequest request = (RegistrationRequest) codec.decode(
                        Unpooled.wrappedBuffer(Arrays.copyOf(packet.getData(), packet.getLength())));
                AuthenticationExtension signature = request.extension(AuthenticationExtension.class).orElseThrow();
                byte[] wire = request.wire().orElseThrow();
                received.add(new Received(request, signature.authenticatorMatches(AuthenticationAlgorithm.HMAC_MD5
                        .compute(nodeKey, wire, 0, signature.authenticatedLength()))));
                Function<RegistrationRequest, Answer> next = answers.poll();
                Answer answer = next == null ? null : next.apply(request);
                if (answer == null) {
                    continue;
                }
                List<Extension> extensions = new ArrayList<>(answer.extensions());
                extensions.add(AuthenticationExtension.mobileHome(answer.spi()));
                long id = ((long) answer.identificationHigh() << 32) | (request.identification() & 0xffff_ffffL);
                RegistrationReply reply = new RegistrationReply(answer.code(),
                        answer.lifetime() < 0 ? request.lifetime() : answer.lifetime(), request.homeAddress(),
                        request.homeAgent(), id, extensions);
                ByteBuf out = Unpooled.buffer();
                codec.encode(reply, out, (ext, data, offset, length) ->
                        AuthenticationAlgorithm.HMAC_MD5.compute(answer.key(), data, offset, length));
                byte[] bytes = new byte[out.readableBytes()];
                out.readBytes(bytes);
                socket.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
            } catch (IOException | MalformedMessageException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
