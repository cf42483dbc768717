package net.homeagent.hacn.agent;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.homeagent.hacn.Counters;
import net.homeagent.hacn.wire.HacnMessage.ForwardedReply;
import net.homeagent.hacn.wire.HacnMessage.ForwardedRequest;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationDecision;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The registrations the HACN forwards: each goes through the home agent's own
 * {@link RegistrationService} as if it had come to this HA's socket, with the mobile's (or foreign
 * agent's) source as its source and the HACN's public address as the address it was sent to: the
 * home agent accepts that address in the Home Agent field (it is {@code receivedOn}, RFC 5944
 * §3.8.2.1, code 136 otherwise) and names it in the reply. The reply leaves for the HACN once the
 * decision's binding change is durable, signed here (the HACN holds no key), with the home
 * address's bindings as they are then.
 */
final class ForwardedRegistrations {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardedRegistrations.class);

    private final RegistrationService service;
    private final BindingStore store;
    private final MipCodec codec = MipCodec.standard();
    private final Counters counters;
    private final Consumer<ForwardedReply> replies;
    private final Consumer<String> backupFailed;
    private final RateLimitedLog problems;

    /**
     * @param replies      where each answer goes (to the HACN)
     * @param backupFailed told when a decision's change could not be made durable
     */
    ForwardedRegistrations(RegistrationService service, BindingStore store, Counters counters, Clock clock,
            Consumer<ForwardedReply> replies, Consumer<String> backupFailed) {
        this.service = service;
        this.store = store;
        this.counters = counters;
        this.replies = replies;
        this.backupFailed = backupFailed;
        this.problems = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::info);
    }

    void handle(ForwardedRequest forwarded) {
        counters.increment("requests-forwarded");
        MipMessage message;
        try {
            message = codec.decode(Unpooled.wrappedBuffer(forwarded.request()));
        } catch (MalformedMessageException e) {
            malformed(forwarded, e);
            return;
        }
        if (!(message instanceof RegistrationRequest request)) {
            counters.increment("requests-not-a-request");
            problems.log("not-a-request", () -> "the HACN forwarded a message of type " + message.type());
            replies.accept(new ForwardedReply(forwarded.requestId(), Optional.empty(), Ipv4.UNSPECIFIED,
                    List.of()));
            return;
        }
        service.process(new InboundRegistration(request, forwarded.origin(), forwarded.arrivedOn()))
                .whenComplete((decision, failure) -> {
                    if (failure != null) {
                        // RegistrationService promises never to fail; should it, the mobile gets no reply
                        counters.increment("requests-faulted");
                        problems.log("fault", () -> "no decision for " + forwarded.origin() + ": " + failure, failure);
                        replies.accept(new ForwardedReply(forwarded.requestId(), Optional.empty(), request.homeAddress(),
                                store.find(request.homeAddress())));
                    } else {
                        answerWhenDurable(forwarded.requestId(), request, decision);
                    }
                });
    }

    private void answerWhenDurable(long requestId, RegistrationRequest request, RegistrationDecision decision) {
        if (decision.reply().isEmpty()) {
            counters.increment("requests-discarded");
            replies.accept(new ForwardedReply(requestId, Optional.empty(), request.homeAddress(),
                    store.find(request.homeAddress())));
            return;
        }
        decision.durable().whenComplete((done, failure) -> {
            if (failure != null) {
                // as the HA's own transport does: the binding is in memory and serving, the reply goes
                counters.increment("backup-failures");
                backupFailed.accept("backup write failed: " + failure.getMessage());
            }
            counters.increment("requests-answered");
            replies.accept(new ForwardedReply(requestId, Optional.of(encode(decision.reply().get(), decision.signer())),
                    request.homeAddress(), store.find(request.homeAddress())));
        });
    }

    /** RFC 5944 §3.8.3.2: a request readable only as far as its header is answered with its code, unsigned. */
    private void malformed(ForwardedRequest forwarded, MalformedMessageException e) {
        counters.increment("requests-malformed");
        problems.log("malformed", () -> "forwarded request from " + forwarded.origin() + ": " + e.getMessage());
        Optional<byte[]> reply = e.header().map(h -> encode(new RegistrationReply(e.replyCode(), 0, h.homeAddress(),
                h.homeAgent(), h.identification(), List.of()), MessageSigner.NONE));
        var home = e.header().map(RegistrationRequest::homeAddress).orElse(Ipv4.UNSPECIFIED);
        replies.accept(new ForwardedReply(forwarded.requestId(), reply, home, List.of()));
    }

    private byte[] encode(RegistrationReply reply, MessageSigner signer) {
        ByteBuf out = Unpooled.buffer(64);
        try {
            codec.encode(reply, out, signer);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
