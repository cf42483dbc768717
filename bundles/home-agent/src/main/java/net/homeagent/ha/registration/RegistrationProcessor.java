package net.homeagent.ha.registration;

import java.net.Inet4Address;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.ha.HomeAgentSettings;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.ForeignAgentAssociations;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationDecision;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.ReplyBarrier;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.RegistrationFlags;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The home agent's decision on a Registration Request, RFC 5944 §3.8.2, in this order:
 * well-formedness (134), MN-HA authentication (131), FA-HA authentication (132, when an association
 * with the relaying foreign agent exists), replay protection (133, §5.7), home agent
 * address (136), critical vendor extensions (140/141, RFC 3115), the home address the
 * association covers (129, RFC 2794), deregistration, encapsulation (139), reverse tunnelling
 * (137/138, RFC 3024), UDP tunnelling (142, RFC 3519), dynamic home address (130, RFC 2794),
 * simultaneous bindings (135 or 1), lifetime, the policy stage (vendor extension handlers and
 * registration policies, {@link PolicyStage}), and finally {@link BindingStore#register}. Pure logic
 * over the binding store: no sockets, no blocking. A decision is complete when it returns unless a
 * handler or policy answers later; then the binding is written, and the decision completed, on the
 * thread of that answer.
 */
public final class RegistrationProcessor implements RegistrationService {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationProcessor.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final BindingStore bindings;
    private final HomeAgentSettings settings;
    private final Clock clock;
    private final PolicyStage policyStage;
    private final RegistrationRecorder recorder;
    private final MobileHomeAuthenticator authenticator;
    private final ForeignAgentAuthenticator foreignAgents;
    private final ReplayGuard replayGuard;
    private final HomeAddressAssignment addresses;
    private final UdpTunnelNegotiator udpTunnels;
    private final RateLimitedLog refusalLog;
    private final RateLimitedLog faultLog;
    private final ReplyBarriers replyBarriers;
    private final RegistrationTurns turns = new RegistrationTurns();
    /** Held from choosing a dynamic home address until its binding is written or promised. */
    private final Object allocationLock = new Object();
    /** Dynamic home addresses assigned to requests waiting for a late verdict; under allocationLock. */
    private final Set<Inet4Address> promised = new HashSet<>();

    public RegistrationProcessor(BindingStore bindings, SecurityAssociations associations, HomeAgentSettings settings,
            Clock clock, PolicyStage policyStage, RegistrationRecorder recorder) {
        this(bindings, associations, ForeignAgentAssociations.NONE, settings, clock, policyStage, recorder,
                new InMemoryReplayState(new SecureRandom()));
    }

    public RegistrationProcessor(BindingStore bindings, SecurityAssociations associations,
            ForeignAgentAssociations agentAssociations, HomeAgentSettings settings, Clock clock, PolicyStage policyStage,
            RegistrationRecorder recorder, ReplayState replayState) {
        this(bindings, associations, agentAssociations, settings, clock, policyStage, recorder, replayState, List::of);
    }

    /** @param replyBarriers what an accepted registration's reply waits for besides the store's sync */
    public RegistrationProcessor(BindingStore bindings, SecurityAssociations associations,
            ForeignAgentAssociations agentAssociations, HomeAgentSettings settings, Clock clock, PolicyStage policyStage,
            RegistrationRecorder recorder, ReplayState replayState, Supplier<List<ReplyBarrier>> replyBarriers) {
        this.bindings = bindings;
        this.settings = settings;
        this.clock = clock;
        this.policyStage = policyStage;
        this.recorder = recorder;
        this.authenticator = new MobileHomeAuthenticator(associations);
        this.foreignAgents = new ForeignAgentAuthenticator(agentAssociations);
        this.replayGuard = new ReplayGuard(replayState, clock, settings.timestampSkew());
        this.addresses = new HomeAddressAssignment(bindings, settings);
        this.udpTunnels = new UdpTunnelNegotiator(settings);
        this.refusalLog = new RateLimitedLog(clock, LOG_INTERVAL, LOG::info);
        this.faultLog = new RateLimitedLog(clock, LOG_INTERVAL, LOG::warn);
        this.replyBarriers = new ReplyBarriers(replyBarriers, faultLog);
    }

    @Override
    public CompletionStage<RegistrationDecision> process(InboundRegistration registration) {
        recorder.requestReceived();
        List<Inet4Address> ours = ourAddresses(registration);
        Attempt attempt = new Attempt(registration, ours, replyHomeAgent(registration, ours));
        Outcome outcome;
        try {
            outcome = decide(attempt);
        } catch (RuntimeException e) {
            outcome = fault(attempt, e);
        }
        if (outcome.later() != null) {
            return outcome.later().handle((later, failure) -> conclude(attempt,
                    failure == null ? later : lateFailure(attempt, failure)));
        }
        return CompletableFuture.completedFuture(conclude(attempt, outcome));
    }

    private RegistrationDecision conclude(Attempt attempt, Outcome outcome) {
        if (attempt.turn != null) {
            turns.leave(attempt.turn);
        }
        if (attempt.promised != null) {
            synchronized (allocationLock) {
                promised.remove(attempt.promised);
            }
        }
        RegistrationDecision decision = finish(attempt, outcome);
        // An acceptance changed the binding table: the reply waits until the change is on disk, so
        // that a binding acknowledged to the mobile node survives a crash (BindingStore#sync), and
        // until the reply barriers let it go (a redundancy group's acknowledgements, ReplyBarrier).
        return outcome.refusal().isEmpty()
                ? decision.afterDurable(replyBarriers.after(bindings.sync(), outcome.homeAddress()))
                : decision;
    }

    /**
     * House rule 5: a fault of ours (a bug, a failing store, handler or policy) still gets an
     * answer, 128 "reason unspecified", and never escapes to the transport.
     */
    private Outcome fault(Attempt attempt, Throwable e) {
        faultLog.log("fault", () -> "registration of " + attempt.request.homeAddress().getHostAddress()
                + " failed inside the home agent: " + e, e);
        return Outcome.refused(RefusalReason.INTERNAL_ERROR, attempt.request.homeAddress());
    }

    /**
     * The policy stage did not answer in time: 130, insufficient resources (RFC 5944 §3.4). The home
     * agent lacks what it needs to decide now (an AAA server, a secondary's acknowledgement), which
     * a later attempt may find; a mobile node retransmits after its back-off (§3.6.3).
     */
    private Outcome lateFailure(Attempt attempt, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof PolicyTimeoutException timeout) {
            refusalLog.log(RefusalReason.POLICY_TIMEOUT.shortName(), () -> "registration of " + describe(attempt)
                    + ": " + timeout.getMessage());
            return Outcome.refused(RefusalReason.POLICY_TIMEOUT, attempt.request.homeAddress());
        }
        return fault(attempt, cause);
    }

    private Outcome decide(Attempt attempt) {
        RegistrationRequest request = attempt.request;
        Optional<RefusalReason> malformed = RequestForm.check(request);
        if (malformed.isPresent()) {
            return Outcome.refused(malformed.get(), request.homeAddress());
        }
        // RFC 5944 §3.8.2.1 (a): authenticate before anything else is believed.
        MobileHomeAuthenticator.Result auth = authenticator.authenticate(request);
        if (auth.failure().isPresent()) {
            return Outcome.refused(auth.failure().get(), request.homeAddress());
        }
        SecurityAssociation sa = auth.association().orElseThrow();
        attempt.authenticatedBy = sa;
        attempt.mobileHomeIndex = auth.extensionIndex();
        // RFC 5944 §3.8.2.1: a foreign agent we share an association with authenticates itself too (132).
        ForeignAgentAuthenticator.Result agent = foreignAgents.authenticate(request,
                Ipv4.addressOf(attempt.registration.source()));
        if (agent.failure().isPresent()) {
            return Outcome.refused(agent.failure().get(), request.homeAddress());
        }
        attempt.foreignAgent = agent.association();
        // RFC 5944 §3.8.2.1 (b), §5.7: the Identification must be fresh. Passing makes the request
        // its node's newest, which a request still waiting for a policy verdict must not overwrite.
        RegistrationTurns.Taken taken = turns.take(ReplayState.nodeOf(sa), () -> replayGuard.check(sa,
                request.identification(), () -> lastIdentificationInBindings(sa)));
        if (taken.stale().isPresent()) {
            return Outcome.refused(taken.stale().get(), request.homeAddress());
        }
        attempt.turn = taken.turn();
        // RFC 5944 §3.8.2.1, §3.8.3.2: a Home Agent field that is not one of our unicast
        // addresses (another agent's, or a broadcast for dynamic home agent discovery) gets 136
        // with our unicast address in the reply's Home Agent field.
        if (!attempt.ourAddresses.contains(request.homeAgent())) {
            return Outcome.refused(RefusalReason.UNKNOWN_HOME_AGENT, request.homeAddress());
        }
        Optional<RefusalReason> vendor = policyStage.uninterpretedCriticalExtension(request.extensions(),
                auth.extensionIndex());
        if (vendor.isPresent()) {
            return Outcome.refused(vendor.get(), request.homeAddress());
        }
        boolean dynamic = Ipv4.isUnspecified(request.homeAddress());
        if (!dynamic && !addresses.covers(sa, request.homeAddress())) {
            return Outcome.refused(RefusalReason.HOME_ADDRESS_NOT_AUTHORIZED, request.homeAddress());
        }
        if (request.lifetime() == 0 || request.careOfAddress().equals(request.homeAddress())) {
            return deregister(attempt);
        }
        return register(attempt);
    }

    /**
     * RFC 5944 §3.8.2.2: Lifetime 0 deletes the binding of the given care-of address, the others
     * stay; a care-of address equal to the home address deletes every binding of the node (it
     * is home). A request that names its home address as care-of address with a non-zero
     * lifetime is taken as the same "I am home": a tunnel to the home address itself cannot work.
     * The reply has code 0 and lifetime 0. No tunnel is set up, so the tunnel checks below do not
     * apply. The registration policies decide first, as for a registration (a refusal or discard
     * removes nothing); vendor extension handlers are not asked ({@link PolicyStage}).
     */
    private Outcome deregister(Attempt attempt) {
        RegistrationRequest request = attempt.request;
        Optional<Inet4Address> home = Ipv4.isUnspecified(request.homeAddress())
                ? MobileHomeAuthenticator.nai(request).flatMap(addresses::boundTo)
                : Optional.of(request.homeAddress());
        // The policies decide on deregistrations too (a standby group member discards them); they
        // see it as a binding of lifetime 0 for the care-of address it names.
        Instant now = clock.instant();
        Binding proposed = new Binding(home.orElse(request.homeAddress()), request.careOfAddress(), request.homeAgent(),
                Ipv4.addressOf(attempt.registration.source()), attempt.registration.source().getPort(),
                MobileHomeAuthenticator.nai(request), 0, now, now, request.identification(), request.flags(),
                Encapsulation.requestedBy(request), request.flag(RegistrationFlags.T));
        CompletableFuture<RegistrationVerdict> verdict = policyStage.decideDeregistration(attempt.registration,
                proposed);
        if (verdict.isDone()) {
            return afterPolicies(attempt, verdict.join(), false, pass -> removeBindings(request, home, pass));
        }
        return Outcome.later(verdict.thenApply(late -> afterPolicies(attempt, late, true,
                pass -> removeBindings(request, home, pass))));
    }

    private Outcome removeBindings(RegistrationRequest request, Optional<Inet4Address> home,
            RegistrationVerdict.Pass pass) {
        home.ifPresent(address -> {
            if (request.careOfAddress().equals(request.homeAddress())) {
                bindings.removeAll(address, RemovalReason.DEREGISTERED);
            } else {
                bindings.remove(address, request.careOfAddress(), RemovalReason.DEREGISTERED);
            }
        });
        recorder.deregistered();
        return Outcome.accepted(ReplyCode.ACCEPTED, 0, home.orElse(request.homeAddress()), pass.replyExtensions());
    }

    private Outcome register(Attempt attempt) {
        RegistrationRequest request = attempt.request;
        // RFC 5944 §3.3 (M, G flags): the encapsulation asked for must be one offered; code 139
        // is "requested encapsulation unavailable" (RFC 3024 §4.3).
        Encapsulation requested = Encapsulation.requestedBy(request);
        if (!settings.encapsulations().contains(requested)) {
            return Outcome.refused(RefusalReason.ENCAPSULATION_UNAVAILABLE, request.homeAddress());
        }
        // RFC 3024 §4.3, §5.3: T asks for a reverse tunnel (137 when not offered); a home agent
        // that requires one refuses a request without T (138).
        boolean reverseTunnel = request.flag(RegistrationFlags.T);
        if (reverseTunnel && !settings.reverseTunnelling()) {
            return Outcome.refused(RefusalReason.REVERSE_TUNNEL_UNAVAILABLE, request.homeAddress());
        }
        if (!reverseTunnel && settings.reverseTunnelMandatory()) {
            return Outcome.refused(RefusalReason.REVERSE_TUNNEL_MANDATORY, request.homeAddress());
        }
        UdpTunnelNegotiator.Outcome udp = udpTunnels.negotiate(request, Ipv4.addressOf(attempt.registration.source()));
        if (udp.refusal().isPresent()) {
            return Outcome.refused(udp.refusal().get(), request.homeAddress());
        }
        Tunnel tunnel = new Tunnel(udp.inner().isPresent() ? Encapsulation.UDP : requested,
                udp.inner().orElse(Encapsulation.IP_IN_IP), reverseTunnel,
                udp.reply().<List<Extension>>map(List::of).orElse(List.of()));
        if (!Ipv4.isUnspecified(request.homeAddress())) {
            return bind(attempt, request.homeAddress(), tunnel);
        }
        synchronized (allocationLock) {
            // RFC 2794: Home Address 0.0.0.0 asks the home agent to assign one to the NAI.
            HomeAddressAssignment.Assigned assigned = addresses.assign(MobileHomeAuthenticator.nai(request).orElseThrow(),
                    promised::contains);
            if (assigned.refusal().isPresent()) {
                return Outcome.refused(assigned.refusal().get(), request.homeAddress());
            }
            Inet4Address address = assigned.address().orElseThrow();
            Outcome outcome = bind(attempt, address, tunnel);
            if (outcome.later() != null) {
                // The binding is written when the verdict comes, after this lock is released: until
                // the request is answered its address is promised, so that no other node gets it.
                promised.add(address);
                attempt.promised = address;
            }
            return outcome;
        }
    }

    /**
     * The tunnel a registration gets, what it carries inside if it is UDP (RFC 3519 §3.1), and the
     * UDP Tunnel Reply extension that tells so.
     */
    private record Tunnel(Encapsulation encapsulation, Encapsulation inner, boolean reverse,
            List<Extension> replyExtensions) {
    }

    private Outcome bind(Attempt attempt, Inet4Address homeAddress, Tunnel tunnel) {
        RegistrationRequest request = attempt.request;
        boolean simultaneous = request.flag(RegistrationFlags.S);
        int code = ReplyCode.ACCEPTED;
        if (simultaneous && settings.maxSimultaneousBindings() == 1) {
            // RFC 5944 §3.4, §3.8.2.2: S asked but not offered: accepted with code 1, and the new
            // binding replaces the others as without S.
            code = ReplyCode.ACCEPTED_NO_SIMULTANEOUS;
            simultaneous = false;
        } else if (simultaneous) {
            long others = bindings.find(homeAddress).stream()
                    .filter(b -> !b.careOfAddress().equals(request.careOfAddress())).count();
            if (others >= settings.maxSimultaneousBindings()) {
                // RFC 5944 §3.4: 135, too many simultaneous mobility bindings.
                return Outcome.refused(RefusalReason.TOO_MANY_BINDINGS, request.homeAddress());
            }
        }
        // RFC 5944 §3.8.2.2, §3.8.3.2: the lifetime granted is no longer than asked nor than
        // this home agent allows; 0xffff ("infinity", §3.3) is clamped the same way.
        int granted = Math.min(request.lifetime(), settings.maxLifetime());
        Instant now = clock.instant();
        Binding proposed = new Binding(homeAddress, request.careOfAddress(), request.homeAgent(),
                Ipv4.addressOf(attempt.registration.source()), attempt.registration.source().getPort(),
                MobileHomeAuthenticator.nai(request), granted, now, now.plusSeconds(granted), request.identification(),
                request.flags(), tunnel.encapsulation(), tunnel.reverse(), tunnel.inner());
        Accepted accepted = new Accepted(proposed, simultaneous, code, tunnel.replyExtensions());
        CompletableFuture<RegistrationVerdict> verdict = policyStage.decide(attempt.registration, proposed,
                attempt.mobileHomeIndex);
        Inet4Address requested = request.homeAddress();
        if (verdict.isDone()) {
            return afterPolicies(attempt, verdict.join(), false, pass -> write(accepted, pass, requested));
        }
        return Outcome.later(verdict.thenApply(late -> afterPolicies(attempt, late, true,
                pass -> write(accepted, pass, requested))));
    }

    /** What {@link #bind} writes and answers once the policy stage let it through. */
    private record Accepted(Binding binding, boolean simultaneous, int code, List<Extension> replyExtensions) {
    }

    /** @param apply what a pass does: write the binding, or remove the deregistered ones */
    private Outcome afterPolicies(Attempt attempt, RegistrationVerdict verdict, boolean waited,
            Function<RegistrationVerdict.Pass, Outcome> apply) {
        Inet4Address requested = attempt.request.homeAddress();
        if (verdict instanceof RegistrationVerdict.Refuse refuse) {
            return new Outcome(refuse.replyCode(), 0, requested, refuse.replyExtensions(),
                    Optional.of(RefusalReason.POLICY.shortName() + ":" + refuse.reason()), null);
        }
        if (verdict instanceof RegistrationVerdict.Discard discard) {
            return Outcome.discarded(RefusalReason.POLICY.shortName() + ":" + discard.reason(), requested);
        }
        RegistrationVerdict.Pass pass = (RegistrationVerdict.Pass) verdict;
        if (waited) {
            // While this request waited, a newer one of the same mobile node may have registered or
            // deregistered: writing this one now would put an older care-of address back, and its
            // reply would be stale too, so nothing is sent (RegistrationTurns).
            return turns.ifNewest(attempt.turn, () -> apply.apply(pass))
                    .orElseGet(() -> Outcome.discarded(RefusalReason.SUPERSEDED.shortName(), requested));
        }
        return apply.apply(pass);
    }

    /** @param requested the home address of the request, 0.0.0.0 for a dynamic one (RFC 2794) */
    private Outcome write(Accepted accepted, RegistrationVerdict.Pass pass, Inet4Address requested) {
        Binding proposed = accepted.binding();
        if (!accepted.simultaneous()) {
            bindings.register(proposed, false);
        } else if (bindings.registerSimultaneous(proposed, settings.maxSimultaneousBindings()).isEmpty()) {
            // The count in bind is advisory (it keeps 135 ahead of the policies, as RFC 5944 §3.8.2.2
            // orders the checks); this one is atomic with the write: another event loop may have
            // registered a binding for the same home address in between.
            return Outcome.refused(RefusalReason.TOO_MANY_BINDINGS, requested);
        }
        List<Extension> extensions = accepted.replyExtensions();
        if (!pass.replyExtensions().isEmpty()) {
            extensions = new ArrayList<>(extensions);
            extensions.addAll(pass.replyExtensions());
        }
        return Outcome.accepted(accepted.code(), proposed.grantedLifetime(), proposed.homeAddress(), extensions);
    }

    /** §5.7 fallback: the newest identification kept with the node's bindings. */
    private OptionalLong lastIdentificationInBindings(SecurityAssociation sa) {
        List<Binding> held = sa.homeAddress().isPresent() ? bindings.find(sa.homeAddress().get())
                : bindings.findByNai(sa.nai().orElseThrow());
        if (held.isEmpty()) {
            return OptionalLong.empty();
        }
        long newest = held.get(0).identification();
        for (int i = 1; i < held.size(); i++) {
            long identification = held.get(i).identification();
            newest = Long.compareUnsigned(identification, newest) > 0 ? identification : newest;
        }
        return OptionalLong.of(newest);
    }

    /** Home agent addresses mobile nodes may name: configured, else the address the request came to. */
    private List<Inet4Address> ourAddresses(InboundRegistration registration) {
        return settings.homeAgentAddresses().isEmpty() ? List.of(Ipv4.addressOf(registration.receivedOn()))
                : settings.homeAgentAddresses();
    }

    /** RFC 5944 §3.8.3.2: the reply names the home agent: the address asked for if it is ours, else our unicast one. */
    private static Inet4Address replyHomeAgent(InboundRegistration registration, List<Inet4Address> ours) {
        Inet4Address asked = registration.request().homeAgent();
        if (ours.contains(asked)) {
            return asked;
        }
        Inet4Address local = Ipv4.addressOf(registration.receivedOn());
        return ours.contains(local) ? local : ours.get(0);
    }

    private RegistrationDecision finish(Attempt attempt, Outcome outcome) {
        if (outcome.code() == RefusalReason.DISCARD) {
            // counted by whoever would have sent the reply (the transport), as every discard is
            String reason = outcome.refusal().orElseThrow();
            refusalLog.log(reason, () -> "discarded registration of " + describe(attempt) + ": " + reason);
            return RegistrationDecision.discard(reason);
        }
        RegistrationRequest request = attempt.request;
        SecurityAssociation sa = attempt.authenticatedBy;
        // RFC 2794 §2: a reply to a request that carried the NAI carries it too, so that a foreign
        // agent can match it to a pending request sent with home address 0.0.0.0.
        Optional<NaiExtension> nai = request.extension(NaiExtension.class);
        MessageSigner signer = MessageSigner.NONE;
        long identification = request.identification();
        AuthenticationExtension mobileHome = null;
        if (sa != null) {
            // RFC 5944 §3.8.3.2, §5.7: Identification per the association's replay protection;
            // §3.5.2: the reply is authenticated with the same association and SPI, the MN-HA
            // extension last so that it covers the extensions before it.
            identification = replayGuard.replyIdentification(sa, request.identification(),
                    outcome.code() == ReplyCode.IDENTIFICATION_MISMATCH);
            mobileHome = AuthenticationExtension.toSign(AuthenticationExtension.MOBILE_HOME, 0, sa.spi());
            signer = (extension, data, offset, length) -> sa.authenticate(data, offset, length);
        }
        List<Extension> extensions = replyExtensions(nai, outcome.extensions(), mobileHome);
        if (attempt.foreignAgent.isPresent()) {
            // RFC 5944 §3.5.4, §3.8.3.1: to a foreign agent we share an association with, the reply
            // carries an FA-HA Authentication extension after the MN-HA one, covering it too.
            SecurityAssociation agent = attempt.foreignAgent.get();
            SecurityAssociation node = sa;
            extensions = new ArrayList<>(extensions);
            extensions.add(AuthenticationExtension.toSign(AuthenticationExtension.FOREIGN_HOME, 0, agent.spi()));
            signer = (extension, data, offset, length) -> extension.type() == AuthenticationExtension.FOREIGN_HOME
                    ? agent.authenticate(data, offset, length) : node.authenticate(data, offset, length);
        }
        // Without an authenticated association (131, or 134 before authentication) there is no
        // key to sign with: the reply carries no MN-HA extension and echoes the Identification.
        RegistrationReply reply = new RegistrationReply(outcome.code(), outcome.lifetime(), outcome.homeAddress(),
                attempt.homeAgent, identification, extensions);
        record(attempt, outcome);
        return outcome.refusal().isPresent() ? RegistrationDecision.refuse(reply, signer, outcome.refusal().get())
                : RegistrationDecision.reply(reply, signer);
    }

    /**
     * NAI, then the outcome's extensions, then MN-HA. Most replies carry the MN-HA extension only,
     * which needs no list to be built and copied.
     */
    private static List<Extension> replyExtensions(Optional<NaiExtension> nai, List<Extension> fromOutcome,
            AuthenticationExtension mobileHome) {
        if (nai.isEmpty() && fromOutcome.isEmpty()) {
            return mobileHome == null ? List.of() : List.of(mobileHome);
        }
        List<Extension> extensions = new ArrayList<>(fromOutcome.size() + 2);
        nai.ifPresent(extensions::add);
        extensions.addAll(fromOutcome);
        if (mobileHome != null) {
            extensions.add(mobileHome);
        }
        return extensions;
    }

    private void record(Attempt attempt, Outcome outcome) {
        recorder.replied(outcome.code());
        if (outcome.refusal().isPresent()) {
            recorder.refused(outcome.refusal().get());
        }
        // the texts are built only when a line is written: this runs for every request
        if (LOG.isDebugEnabled()) {
            RegistrationRequest request = attempt.request;
            LOG.debug("registration of {} flags {} lifetime {}: code {} ({}), lifetime {}{}", describe(attempt),
                    RegistrationFlags.describe(request.flags()), request.lifetime(), outcome.code(),
                    ReplyCode.describe(outcome.code()), outcome.lifetime(),
                    outcome.refusal().map(r -> ", reason " + r).orElse(""));
        }
        if (outcome.refusal().isPresent()) {
            String reason = outcome.refusal().get();
            refusalLog.log(reason, () -> "refused registration of " + describe(attempt) + ": code " + outcome.code()
                    + " (" + ReplyCode.describe(outcome.code()) + "), reason " + reason);
        }
    }

    private static String describe(Attempt attempt) {
        return attempt.request.homeAddress().getHostAddress() + " care-of "
                + attempt.request.careOfAddress().getHostAddress() + " from " + attempt.registration.source();
    }

    /** One request being decided; remembers the association once the request is authenticated. */
    private static final class Attempt {
        final InboundRegistration registration;
        final RegistrationRequest request;
        /** Home agent addresses the request may name (worked out once per request). */
        final List<Inet4Address> ourAddresses;
        final Inet4Address homeAgent;
        SecurityAssociation authenticatedBy;
        /** The relaying foreign agent's association, when it authenticated with one (FA-HA). */
        Optional<SecurityAssociation> foreignAgent = Optional.empty();
        /** Where the MN-HA extension is: extensions after it were added by a foreign agent. */
        int mobileHomeIndex;
        /** Its place in its node's order, once it passed replay protection. */
        RegistrationTurns.Turn turn;
        /** The dynamic home address kept for it while it waits for a verdict. */
        Inet4Address promised;

        Attempt(InboundRegistration registration, List<Inet4Address> ourAddresses, Inet4Address homeAgent) {
            this.registration = registration;
            this.request = registration.request();
            this.ourAddresses = ourAddresses;
            this.homeAgent = homeAgent;
        }
    }

    /**
     * The decision before it becomes a reply: a code ({@link RefusalReason#DISCARD} for no reply at
     * all), or, while the policy stage waits, {@code later}, the outcome to come (null otherwise).
     */
    private record Outcome(int code, int lifetime, Inet4Address homeAddress, List<Extension> extensions,
            Optional<String> refusal, CompletableFuture<Outcome> later) {

        static Outcome accepted(int code, int lifetime, Inet4Address homeAddress, List<Extension> extensions) {
            return new Outcome(code, lifetime, homeAddress, extensions, Optional.empty(), null);
        }

        /** RFC 5944 §3.8.3.2: a denied request's lifetime is unspecified; 0 is sent. */
        static Outcome refused(RefusalReason reason, Inet4Address homeAddress) {
            return new Outcome(reason.replyCode(), 0, homeAddress, List.of(), Optional.of(reason.shortName()), null);
        }

        static Outcome discarded(String reason, Inet4Address homeAddress) {
            return new Outcome(RefusalReason.DISCARD, 0, homeAddress, List.of(), Optional.of(reason), null);
        }

        static Outcome later(CompletableFuture<Outcome> later) {
            return new Outcome(RefusalReason.DISCARD, 0, null, List.of(), Optional.empty(), later);
        }
    }
}
