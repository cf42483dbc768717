package net.homeagent.mimm;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mimm.HandoffDecision.Outcome;
import net.homeagent.mimm.network.ForwardedTraffic;
import net.homeagent.mimm.network.NetworkLoad;
import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mimm.network.RealTimeSessionSource;
import net.homeagent.mip.codec.mimm.Decoded;
import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;
import net.homeagent.mip.codec.mimm.HandoffAdviceCodec;
import net.homeagent.mip.codec.mimm.MimmVendor;
import net.homeagent.mip.codec.mimm.RequestHandoff;
import net.homeagent.mip.codec.mimm.RequestHandoffCodec;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.api.VendorExtensionHandler;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * Answers a Request Handoff (a CVSE in a Registration Request) in merged mode (docs/mimm.md): a go
 * lets the registration through with a Handoff Advice NVSE in the reply, flag "completed", so the
 * binding moves in the same exchange; a not-now or a no refuses the registration with
 * {@link MimmVendor#REPLY_HANDOFF_NOT_NOW} or {@link MimmVendor#REPLY_HANDOFF_REFUSED}, and the binding stays where it was.
 * Answers at once from memory: it never blocks the registration event loop.
 */
final class HandoffAdvisor implements VendorExtensionHandler, AdvisorView {

    static final VendorExtensionType REQUEST_HANDOFF =
            new VendorExtensionType(true, MimmVendor.ENTERPRISE_NUMBER, MimmVendor.REQUEST_HANDOFF);
    private static final String UNAUTHENTICATED = "Request Handoff after the MN-HA authenticator";
    private static final Logger LOG = LoggerFactory.getLogger(HandoffAdvisor.class);

    private final NetworkPlan plan;
    private final NetworkLoad load;
    private final RealTimeSessionSource sessions;
    private final ForwardedTraffic traffic;
    private final HandoffDecision decision;
    private final AdviceMemory memory;
    private final MimmCounters counters = new MimmCounters();
    private final Clock clock;
    private final RateLimitedLog problems;

    HandoffAdvisor(NetworkPlan plan, NetworkLoad load, RealTimeSessionSource sessions, ForwardedTraffic traffic,
            HandoffDecision decision, AdviceMemory memory, Clock clock) {
        this.plan = plan;
        this.load = load;
        this.sessions = sessions;
        this.traffic = traffic;
        this.decision = decision;
        this.memory = memory;
        this.clock = clock;
        this.problems = new RateLimitedLog(clock, Duration.ofMinutes(1), LOG::warn);
    }

    @Override
    public Set<VendorExtensionType> interprets() {
        return Set.of(REQUEST_HANDOFF);
    }

    @Override
    public CompletionStage<RegistrationVerdict> handle(InboundRegistration registration, Binding proposed,
            VendorSpecificExtension extension, boolean fromForeignAgent) {
        if (fromForeignAgent) {
            // the mobile's own question must be covered by its MN-HA authenticator (RFC 5944 §3.5)
            return refuseProblem(UNAUTHENTICATED, UNAUTHENTICATED + " (appended by " + registration.source() + ")");
        }
        Decoded<RequestHandoff> decoded = RequestHandoffCodec.decode(extension.data());
        if (decoded instanceof Decoded.Malformed<RequestHandoff> malformed) {
            return refuseProblem(malformed.counterKey(), malformed.detail() + " from " + registration.source());
        }
        RequestHandoff request = ((Decoded.Valid<RequestHandoff>) decoded).message();
        Outcome outcome = decision.decide(request, proposed);
        HandoffAdvice advice = outcome.advice().verdict() == Verdict.GO ? completed(outcome.advice()) : outcome.advice();
        counters.advice(outcome.rule());
        // the advice goes into the reply either way, under the MN-HA authenticator: a refusal's
        // reason, hold time and alternatives are what the mobile needs to choose its next network
        List<Extension> reply = List.of(adviceExtension(advice));
        RegistrationVerdict verdict = switch (advice.verdict()) {
            case GO -> RegistrationVerdict.pass(reply);
            case NOT_NOW -> RegistrationVerdict.refuse(MimmVendor.REPLY_HANDOFF_NOT_NOW, "mimm: handoff not now (" + advice.reason() + ")",
                    reply);
            case NO -> RegistrationVerdict.refuse(MimmVendor.REPLY_HANDOFF_REFUSED, "mimm: handoff refused (" + advice.reason() + ")",
                    reply);
        };
        int replyCode = verdict instanceof RegistrationVerdict.Refuse refuse ? refuse.replyCode() : ReplyCode.ACCEPTED;
        // no log line per advice: mimm:advice shows the last one of each mobile, and even a debug
        // line asks the logging backend for its level on every request
        memory.remember(proposed.homeAddress(), new GivenAdvice(clock.instant(), request, advice,
                outcome.rule().name(), replyCode));
        return CompletableFuture.completedFuture(verdict);
    }

    private CompletionStage<RegistrationVerdict> refuseProblem(String counterKey, String detail) {
        counters.problem(counterKey);
        problems.log(counterKey, () -> "refused a Request Handoff: " + detail);
        return CompletableFuture.completedFuture(
                RegistrationVerdict.refuse(ReplyCode.POORLY_FORMED_REQUEST, "mimm: " + counterKey));
    }

    /** In merged mode a go is answered in the very reply that accepts the registration. */
    private static HandoffAdvice completed(HandoffAdvice advice) {
        return new HandoffAdvice(advice.verdict(), advice.reason(), advice.holdSeconds(), advice.targetNetwork(),
                advice.alternatives(), true);
    }

    private static VendorSpecificExtension adviceExtension(HandoffAdvice advice) {
        return new VendorSpecificExtension(false, MimmVendor.ENTERPRISE_NUMBER, MimmVendor.HANDOFF_ADVICE,
                HandoffAdviceCodec.encode(advice));
    }

    @Override
    public List<NetworkStatus> networks() {
        return plan.networks().stream()
                .map(n -> new NetworkStatus(n, load.mobiles(n.id()), sessions.sessions(n.id()), traffic.kbps(n.id())))
                .toList();
    }

    @Override
    public Optional<GivenAdvice> lastAdvice(Inet4Address homeAddress) {
        return memory.last(homeAddress);
    }

    @Override
    public MimmStatistics statistics() {
        return counters.snapshot();
    }

    @Override
    public String sessionSource() {
        return sessions.describe();
    }

    @Override
    public boolean sessionsKnown() {
        return sessions.known();
    }
}
