package net.homeagent.mimmclient.homeagent;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;

/**
 * One Registration Request / Reply exchange of the mobile node with its home agent over UDP (RFC 5944
 * §3.6), sent from a care-of address: the request is signed with the MN-HA key (§3.5.2), a reply is
 * believed only if it answers the request (home address, identification §5.7.1), carries exactly one
 * MN-HA extension with the node's SPI and an HMAC-MD5 authenticator that checks (§3.6.2.1). Anything
 * else that arrives is dropped, counted and logged at most once a minute; the request is sent again
 * with a fresh identification after each timeout, up to the configured attempts (§3.6.3).
 */
public final class RegistrationExchange implements AutoCloseable {

    /** The Mobile IP registration port (RFC 5944 §3.1). */
    public static final int PORT = 434;

    private final MipCodec codec = MipCodec.standard();
    private final MobileNodeKey node;
    private final InetSocketAddress homeAgent;
    private final Duration timeout;
    private final int attempts;
    private final Identifications identifications;
    private final Counters counters;
    private final RateLimitedLog log;
    private final EventLoopGroup group = new NioEventLoopGroup(1);

    public RegistrationExchange(MobileNodeKey node, InetSocketAddress homeAgent, Duration timeout, int attempts,
            java.time.Clock clock, Counters counters, RateLimitedLog log) {
        if (attempts < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("at least one attempt and a positive timeout");
        }
        this.node = node;
        this.homeAgent = homeAgent;
        this.timeout = timeout;
        this.attempts = attempts;
        this.identifications = new Identifications(clock);
        this.counters = counters;
        this.log = log;
    }

    public MobileNodeKey node() {
        return node;
    }

    /**
     * Sends the request {@code build} makes for an identification, from {@code careOf}; returns the
     * authentic reply, or empty after the last attempt timed out.
     */
    public Optional<RegistrationReply> exchange(Inet4Address careOf, LongFunction<RegistrationRequest> build)
            throws InterruptedException {
        boolean resynchronised = false;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long identification = identifications.next();
            RegistrationRequest request = build.apply(identification);
            CompletableFuture<RegistrationReply> reply = new CompletableFuture<>();
            Channel channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new ReplyReader(identification, reply))
                    .bind(new InetSocketAddress(careOf, 0)).sync().channel();
            try {
                ByteBuf out = channel.alloc().buffer();
                codec.encode(request, out, (extension, data, offset, length) ->
                        AuthenticationAlgorithm.HMAC_MD5.compute(node.key(), data, offset, length));
                channel.writeAndFlush(new DatagramPacket(out, homeAgent)).sync();
                counters.increment("requests-sent");
                RegistrationReply answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (answer.code() == ReplyCode.IDENTIFICATION_MISMATCH && !resynchronised) {
                    // §5.7.1: our clock is off; take the home agent's time and ask once more at once
                    identifications.resync(answer.identification());
                    resynchronised = true;
                    counters.increment("identification-resync");
                    log.warn("identification-resync", "133 from " + homeAgent + ": identifications now follow the "
                            + "home agent's time");
                    attempt--;
                    continue;
                }
                return Optional.of(answer);
            } catch (TimeoutException e) {
                counters.increment("reply-timeouts");
            } catch (ExecutionException e) {
                throw new IllegalStateException("reply reader failed", e.getCause());
            } finally {
                channel.close().sync();
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** Why a datagram is not the reply to the request in flight, or null if it is. */
    String problem(MipMessage message, long identification) {
        if (!(message instanceof RegistrationReply reply)) {
            return "not a Registration Reply";
        }
        if (!reply.homeAddress().equals(node.homeAddress()) || !Identifications.answers(reply.identification(),
                identification)) {
            return "another request's reply";
        }
        List<AuthenticationExtension> mobileHome = new ArrayList<>(1);
        for (Extension extension : reply.extensions()) {
            if (extension instanceof AuthenticationExtension a && a.type() == AuthenticationExtension.MOBILE_HOME) {
                mobileHome.add(a);
            }
        }
        if (mobileHome.size() != 1) {
            return mobileHome.size() + " MN-HA extensions";
        }
        AuthenticationExtension signature = mobileHome.get(0);
        if (signature.spi() != node.spi()) {
            return "SPI " + signature.spi();
        }
        byte[] wire = reply.wire().orElse(new byte[0]);
        int covered = signature.authenticatedLength();
        if (covered <= 0 || covered > wire.length || !signature.authenticatorMatches(
                AuthenticationAlgorithm.HMAC_MD5.compute(node.key(), wire, 0, covered))) {
            return "bad authenticator";
        }
        return null;
    }

    private final class ReplyReader extends SimpleChannelInboundHandler<DatagramPacket> {
        private final long identification;
        private final CompletableFuture<RegistrationReply> reply;

        ReplyReader(long identification, CompletableFuture<RegistrationReply> reply) {
            this.identification = identification;
            this.reply = reply;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            String problem;
            MipMessage message = null;
            try {
                message = codec.decode(packet.content());
                problem = problem(message, identification);
            } catch (MalformedMessageException e) {
                problem = "malformed: " + e.getMessage();
            }
            if (problem != null) {
                String key = "reply-dropped " + problem.split(":| [0-9]")[0];
                counters.increment(key);
                log.warn(key, "reply from " + packet.sender() + " dropped: " + problem);
                return;
            }
            reply.complete((RegistrationReply) message);
        }
    }
}
