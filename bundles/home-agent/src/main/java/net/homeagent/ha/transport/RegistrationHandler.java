package net.homeagent.ha.transport;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;

import net.homeagent.ha.registration.RefusalReason;
import net.homeagent.ha.registration.RegistrationRecorder;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationDecision;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.netty.InboundDatagram;
import net.homeagent.mip.codec.netty.MalformedDatagram;
import net.homeagent.mip.codec.netty.OutboundDatagram;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Between {@code MipDatagramDecoder} and {@code MipDatagramEncoder}: hands each Registration
 * Request to the {@link RegistrationService} and writes its reply back to the sender, from the
 * local address the request came to (RFC 5944 §3.8.3.1). A request the codec could read only
 * the header of is answered with its code (134) without authentication, since nothing in it
 * could be verified; anything else is counted and dropped. Nothing escapes this handler.
 *
 * <p>The service runs here, on the event loop: it decides in memory (binding table, security
 * associations, counters) without blocking I/O, so handing it to another thread would only add
 * a queue and a context switch per request. The reply to an accepted request waits, without
 * blocking, until the binding store has the change on disk (group commit: one fsync for every
 * change queued meanwhile). Replies are flushed once per read batch, so that the datagrams read
 * by one {@code recvmmsg} are answered by one {@code sendmmsg}.
 */
@Sharable
final class RegistrationHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationHandler.class);

    private final RegistrationService service;
    private final RegistrationRecorder recorder;
    private final RateLimitedLog problems;

    RegistrationHandler(RegistrationService service, RegistrationRecorder recorder, Clock clock) {
        this.service = service;
        this.recorder = recorder;
        this.problems = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::info);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof InboundDatagram datagram) {
                inbound(ctx, datagram);
            } else if (msg instanceof MalformedDatagram malformed) {
                malformed(ctx, malformed);
            } else {
                recorder.requestReceived();
                drop(RefusalReason.UNDECODABLE, () -> "unexpected " + msg.getClass().getName() + " in the pipeline");
            }
        } catch (RuntimeException e) {
            recorder.discarded(RefusalReason.INTERNAL_ERROR.shortName());
            problems.log("fault", () -> "handling a datagram failed: " + e, e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void inbound(ChannelHandlerContext ctx, InboundDatagram datagram) {
        if (!(datagram.message() instanceof RegistrationRequest request)) {
            recorder.requestReceived();
            drop(RefusalReason.NOT_A_REQUEST, () -> "a message of type " + datagram.message().type() + " from "
                    + datagram.sender() + " on the home agent port; only Registration Requests are answered");
            return;
        }
        InetSocketAddress sender = datagram.sender();
        InetSocketAddress recipient = datagram.recipient();
        CompletableFuture<RegistrationDecision> decided = service.process(
                new InboundRegistration(request, sender, recipient)).toCompletableFuture();
        if (decided.isDone()) {
            answer(ctx, decided.join(), sender, recipient);
            return;
        }
        // A policy or vendor extension handler answers later: the event loop goes on with other
        // requests, and the answer comes back to it.
        decided.whenComplete((decision, failure) -> onEventLoop(ctx, () -> {
            if (failure != null) {
                // RegistrationService promises never to fail; should it, the request goes unanswered
                recorder.discarded(RefusalReason.INTERNAL_ERROR.shortName());
                problems.log("fault", () -> "no decision for a request from " + sender + ": " + failure, failure);
            } else {
                answer(ctx, decision, sender, recipient);
                ctx.flush(); // no read batch is going to flush this one
            }
        }));
    }

    private void answer(ChannelHandlerContext ctx, RegistrationDecision decision, InetSocketAddress sender,
            InetSocketAddress recipient) {
        if (decision.reply().isPresent()) {
            sendWhenDurable(ctx, decision, new OutboundDatagram(decision.reply().get(), decision.signer(), sender,
                    recipient));
        } else {
            recorder.discarded(decision.reason().orElse("no-reply"));
        }
    }

    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        EventLoop loop = ctx.channel().eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /**
     * Sends the reply once the binding change it acknowledges is on disk, without blocking the
     * event loop. When the store has nothing to wait for (in memory, or the change is already
     * written) the reply is written at once and leaves with the rest of this read batch; otherwise
     * the completion sends it on the channel's event loop. If the change could not be written the
     * binding is still in memory and serving, so the reply is sent all the same (the store counts
     * and logs the failure; see docs/storage.md).
     */
    private void sendWhenDurable(ChannelHandlerContext ctx, RegistrationDecision decision, OutboundDatagram reply) {
        CompletableFuture<Void> durable = decision.durable().toCompletableFuture();
        if (durable.isDone() && !durable.isCompletedExceptionally()) {
            write(ctx, reply);
            return;
        }
        durable.whenComplete((done, failure) -> {
            if (failure != null) {
                problems.log("backup", () -> "reply to " + reply.recipient() + " sent although its binding change "
                        + "is not on disk: " + failure, failure);
            }
            // no read batch is going to flush this one
            onEventLoop(ctx, () -> writeAndFlush(ctx, reply));
        });
    }

    private void malformed(ChannelHandlerContext ctx, MalformedDatagram datagram) {
        MalformedMessageException error = datagram.error();
        recorder.requestReceived();
        if (error.header().isEmpty()) {
            // RFC 5944 §1.9 (and a datagram too short for a header): silently discarded.
            drop(RefusalReason.UNDECODABLE, () -> "dropped a datagram from " + datagram.sender() + ": "
                    + error.getMessage());
            return;
        }
        RegistrationRequest header = error.header().get();
        int code = error.replyCode();
        recorder.replied(code);
        recorder.refused(RefusalReason.MALFORMED.shortName());
        problems.log(RefusalReason.MALFORMED.shortName(), () -> "poorly formed request for "
                + header.homeAddress().getHostAddress() + " from " + datagram.sender() + ": " + error.getMessage()
                + "; answered " + code);
        // RFC 5944 §3.8.3.2: home address, home agent and identification of the request; nothing
        // could be authenticated, so no MN-HA extension.
        RegistrationReply reply = new RegistrationReply(code, 0, header.homeAddress(), header.homeAgent(),
                header.identification(), List.of());
        write(ctx, new OutboundDatagram(reply, MessageSigner.NONE, datagram.sender(), datagram.recipient()));
    }

    /**
     * Queues a reply; {@link #channelReadComplete} flushes every reply of the read batch at once
     * (one {@code sendmmsg} on epoll). The void promise saves a listener per reply: a reply that
     * cannot be sent reaches {@link #exceptionCaught} instead.
     */
    private static void write(ChannelHandlerContext ctx, OutboundDatagram datagram) {
        ctx.write(datagram, ctx.voidPromise());
    }

    private static void writeAndFlush(ChannelHandlerContext ctx, OutboundDatagram datagram) {
        ctx.writeAndFlush(datagram, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    private void drop(RefusalReason reason, Supplier<String> why) {
        recorder.discarded(reason.shortName());
        problems.log(reason.shortName(), why);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket serves every peer: log, and keep the channel open. A reply that could not be
        // encoded or sent arrives here too (its write had a void promise).
        problems.log("exception", () -> "error on " + ctx.channel().localAddress() + ": " + cause, cause);
    }
}
