package net.homeagent.mimmclient.homeagent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import net.homeagent.mip.codec.RegistrationFlags;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;
import net.homeagent.mip.codec.mimm.Decoded;
import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdviceCodec;
import net.homeagent.mip.codec.mimm.MimmVendor;
import net.homeagent.mip.codec.mimm.RequestHandoff;
import net.homeagent.mip.codec.mimm.RequestHandoffCodec;
import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.manager.Advisor;
import net.homeagent.mimmclient.manager.AdvisorAnswer;
import net.homeagent.mimmclient.manager.HandoffQuestion;
import net.homeagent.mimmclient.manager.LinkProfile;

/**
 * Asks the home agent's MIMM advisor (docs/protocols.md, "MIMM handoff extensions", merged mode): a
 * Registration Request from the target link's care-of address carrying the Request Handoff CVSE
 * before the MN-HA extension; the authentic reply's Handoff Advice NVSE is the answer, and a go has
 * registered the move (C flag).
 * <p>
 * A reply without a readable Handoff Advice is read by its code, as protocols.md says a mobile that
 * does not read the NVSE does: 0 or 1 registered (a go, completed), 200 not now, 201 no (hold 0: no
 * hold time was said). 140 means nobody at the home agent interprets the request: no advice.
 */
public final class HomeAgentAdvisor implements Advisor {

    private final RegistrationExchange exchange;
    private final int lifetimeSeconds;
    private final Counters counters;

    public HomeAgentAdvisor(RegistrationExchange exchange, int lifetimeSeconds, Counters counters) {
        this.exchange = exchange;
        this.lifetimeSeconds = HomeAgentRegistrar.checkLifetime(lifetimeSeconds);
        this.counters = counters;
    }

    @Override
    public AdvisorAnswer ask(HandoffQuestion question) {
        LinkProfile target = question.target();
        RequestHandoff request = new RequestHandoff(OptionalInt.of(target.networkId()), question.currentNetwork(),
                question.signalDbm(), target.type(), question.realTimeSessions(), question.sessionKbps());
        Extension cvse = new VendorSpecificExtension(true, MimmVendor.ENTERPRISE_NUMBER, MimmVendor.REQUEST_HANDOFF,
                RequestHandoffCodec.encode(request));
        MobileNodeKey node = exchange.node();
        Optional<RegistrationReply> reply;
        try {
            reply = exchange.exchange(target.careOf(), id -> new RegistrationRequest(RegistrationFlags.D,
                    lifetimeSeconds, node.homeAddress(), node.homeAgent(), target.careOf(), id,
                    List.of(cvse, AuthenticationExtension.mobileHome(node.spi()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AdvisorAnswer.NoAdvice("interrupted");
        }
        if (reply.isEmpty()) {
            return new AdvisorAnswer.NoAdvice("no authentic reply from " + node.homeAgent().getHostAddress());
        }
        return answer(reply.get(), target.networkId());
    }

    private AdvisorAnswer answer(RegistrationReply reply, int target) {
        if (reply.code() == ReplyCode.CVSE_FROM_MN_UNINTERPRETABLE) {
            return new AdvisorAnswer.NoAdvice("the home agent has no advisor (140)");
        }
        Optional<HandoffAdvice> advice = advice(reply);
        // an accepting reply granted a lifetime (RFC 5944 §3.4), perhaps less than asked: renewals follow it
        Optional<Duration> granted = ReplyCode.isAccepted(reply.code())
                ? Optional.of(Duration.ofSeconds(reply.lifetime())) : Optional.empty();
        if (advice.isPresent()) {
            return new AdvisorAnswer.Advised(advice.get(), granted);
        }
        if (ReplyCode.isAccepted(reply.code())) {
            return new AdvisorAnswer.Advised(new HandoffAdvice(HandoffAdvice.Verdict.GO, HandoffAdvice.Reason.NONE, 0,
                    target, List.of(), true), granted);
        }
        if (reply.code() == MimmVendor.REPLY_HANDOFF_NOT_NOW || reply.code() == MimmVendor.REPLY_HANDOFF_REFUSED) {
            HandoffAdvice.Verdict verdict = reply.code() == MimmVendor.REPLY_HANDOFF_NOT_NOW ? HandoffAdvice.Verdict.NOT_NOW
                    : HandoffAdvice.Verdict.NO;
            return new AdvisorAnswer.Advised(new HandoffAdvice(verdict, HandoffAdvice.Reason.NONE, 0, target, List.of(),
                    false));
        }
        return new AdvisorAnswer.NoAdvice("refused " + reply.code() + " (" + ReplyCode.describe(reply.code()) + ")");
    }

    /** The first Handoff Advice NVSE of ours; a malformed one is counted and read as absent. */
    private Optional<HandoffAdvice> advice(RegistrationReply reply) {
        for (Extension extension : reply.extensions()) {
            if (extension instanceof VendorSpecificExtension v && !v.critical()
                    && v.vendorId() == MimmVendor.ENTERPRISE_NUMBER && v.vendorType() == MimmVendor.HANDOFF_ADVICE) {
                Decoded<HandoffAdvice> decoded = HandoffAdviceCodec.decode(v.data());
                if (decoded instanceof Decoded.Valid<HandoffAdvice> valid) {
                    return Optional.of(valid.message());
                }
                counters.increment("advice-malformed " + ((Decoded.Malformed<HandoffAdvice>) decoded).counterKey());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
