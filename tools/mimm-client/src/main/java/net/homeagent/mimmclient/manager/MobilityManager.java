package net.homeagent.mimmclient.manager;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.monitor.LinkSample;
import net.homeagent.mimmclient.monitor.Observation;

/**
 * The mobile's multi-interface mobility manager (the "multi-interface mobility management" design of
 * issue 15; docs/mimm.md "Client: decision"). Each {@link #tick} feeds one observation to the link
 * state machines ({@link LinkStateMachine}, the five thresholds on the averaged signal), decides
 * whether the mobile must or should move, ranks the candidates ({@link CandidateRanking}) and tries
 * them best first, make-before-break ({@link MakeBeforeBreak}), asking the advisor before each.
 * <p>
 * Advice is honoured: a not-now or a no keeps the mobile off that network for the advice's hold time
 * (it tries the advisor's alternatives first), reactive advice keeps it off a network until its
 * expiry or for the rest of the session and moves it out if it is there. Time is the observation's:
 * nothing here reads a clock. Not thread-safe: one thread ticks it.
 */
public final class MobilityManager {

    private static final System.Logger LOG = System.getLogger(MobilityManager.class.getName());

    private final ManagerConfig config;
    private final Map<String, LinkProfile> links = new LinkedHashMap<>();
    private final Map<String, LinkStateMachine> machines = new HashMap<>();
    private final CandidateRanking ranking;
    private final MakeBeforeBreak plan;
    private final Counters counters;
    /** Networks the advisor said not now / no for, until when. */
    private final Map<Integer, Instant> advisorHolds = new HashMap<>();
    /** Networks reactive advice says to avoid, until when ({@link Instant#MAX}: the rest of the session). */
    private final Map<Integer, Instant> avoided = new HashMap<>();
    /** Links that went down or inactive, kept from moves that are not forced until when. */
    private final Map<String, Instant> failed = new HashMap<>();
    private OptionalInt suggested = OptionalInt.empty();
    private final MobileIpRegistrar registrar;
    private LinkProfile current;
    /** When the binding of the link in use is to be registered again. */
    private Instant renewAt;

    public MobilityManager(ManagerConfig config, List<LinkProfile> profiles, Advisor advisor,
            MobileIpRegistrar registrar, Routes routes, Counters counters) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("no link to manage");
        }
        this.config = config;
        this.counters = counters;
        for (LinkProfile profile : profiles) {
            if (links.put(profile.iface(), profile) != null) {
                throw new IllegalArgumentException("link " + profile.iface() + " configured twice");
            }
            machines.put(profile.iface(), new LinkStateMachine(profile.iface(), config.thresholds(),
                    config.averaging().newAverage(), counters));
        }
        this.ranking = new CandidateRanking(config.weights(), config.thresholds(), profiles);
        this.plan = new MakeBeforeBreak(advisor, registrar, routes, counters);
        this.registrar = registrar;
    }

    /** Feeds one observation; returns the handoff it made, if any. */
    public Optional<Handoff> tick(Observation observation) {
        Instant now = observation.time();
        for (LinkSample sample : observation.links()) {
            LinkStateMachine machine = machines.get(sample.iface());
            if (machine == null) {
                counters.increment("sample-unknown-interface");
                continue;
            }
            LinkState before = machine.state();
            LinkState after = machine.update(sample);
            if (after != before && !after.usable()) {
                failed.put(sample.iface(), now.plus(config.failedLinkHold()));
            }
        }
        failed.values().removeIf(until -> !now.isBefore(until));
        advisorHolds.values().removeIf(until -> !now.isBefore(until));
        avoided.values().removeIf(until -> !now.isBefore(until));
        Optional<Handoff> handoff = reason(now).flatMap(r -> move(r, now));
        if (handoff.isEmpty()) {
            renewIfDue(now);
        }
        return handoff;
    }

    /**
     * Registers the link in use again when {@code renewAfter} has passed since its registration
     * (RFC 5944 §3.6: a mobile re-registers before its lifetime expires). A failed renewal is tried
     * again at the next tick; the binding holds until its lifetime runs out.
     */
    private void renewIfDue(Instant now) {
        if (current == null || config.renewAfter().isZero() || now.isBefore(renewAt)) {
            return;
        }
        MobileIpRegistrar.RegistrationResult result = registrar.register(current);
        counters.increment(result.accepted() ? "renewal accepted" : "renewal failed");
        if (result.accepted()) {
            renewAt = now.plus(renewAfter(result.granted()));
        } else {
            LOG.log(Level.WARNING, "{0}: renewal not accepted: {1}", current.iface(), result.detail());
        }
    }

    /**
     * Reactive advice from the network: avoid {@code advice.networkId()} from {@code now} until the
     * expiry; the next tick moves the mobile out if it is there, to the suggested alternative if that
     * ranks among the candidates.
     */
    public void onReactiveAdvice(ReactiveAdvice advice, Instant now) {
        Instant until = advice.expirySeconds() == ReactiveAdvice.REST_OF_SESSION ? Instant.MAX
                : now.plusSeconds(advice.expirySeconds());
        avoided.merge(advice.networkId(), until, (a, b) -> a.isAfter(b) ? a : b);
        suggested = advice.alternative();
        counters.increment("reactive-advice");
        LOG.log(Level.INFO, "reactive advice: avoid network {0} ({1}) {2}", advice.networkId(), advice.reason(),
                until.equals(Instant.MAX) ? "for the rest of the session" : "until " + until);
    }

    /** The interface in use. */
    public Optional<String> current() {
        return Optional.ofNullable(current).map(LinkProfile::iface);
    }

    public LinkState state(String iface) {
        LinkStateMachine machine = machines.get(iface);
        if (machine == null) {
            throw new IllegalArgumentException("no link " + iface);
        }
        return machine.state();
    }

    private Optional<HandoffReason> reason(Instant now) {
        if (current == null) {
            return Optional.of(HandoffReason.ATTACH);
        }
        LinkState state = machines.get(current.iface()).state();
        if (!state.usable()) {
            return Optional.of(HandoffReason.LINK_LOST);
        }
        if (avoided.containsKey(current.networkId())) {
            return Optional.of(HandoffReason.REACTIVE_ADVICE);
        }
        if (state == LinkState.DETERIORATING) {
            return Optional.of(HandoffReason.DETERIORATING);
        }
        return betterLinks().isEmpty() ? Optional.empty() : Optional.of(HandoffReason.BETTER_LINK);
    }

    /** Stable links (advisor permitting) that rank better than the one in use by more than the margin. */
    private List<LinkProfile> betterLinks() {
        double bar = score(current) + config.betterMargin();
        return others().stream()
                .filter(link -> machines.get(link.iface()).state() == LinkState.STABLE)
                .filter(link -> !advisorHolds.containsKey(link.networkId()) && !failed.containsKey(link.iface()))
                .filter(link -> score(link) > bar)
                .toList();
    }

    private Optional<Handoff> move(HandoffReason reason, Instant now) {
        List<LinkProfile> candidates = new ArrayList<>(candidates(reason));
        while (!candidates.isEmpty()) {
            LinkProfile target = candidates.remove(0);
            boolean sameAddress = current != null && current.careOf().equals(target.careOf());
            MakeBeforeBreak.Attempt attempt = sameAddress ? plan.executeWithinGroup(target)
                    : plan.execute(question(target), reason.forced(), inGroup(target));
            switch (attempt.outcome()) {
                case MOVED -> {
                    return Optional.of(sameAddress ? movedWithinGroup(target, reason, now)
                            : moved(target, reason, now, attempt.advice().isPresent(), attempt.granted()));
                }
                case REFUSED -> {
                    HandoffAdvice advice = attempt.advice().orElseThrow();
                    advisorHolds.put(target.networkId(), now.plusSeconds(advice.holdSeconds()));
                    // the advisor knows where there is room: its alternatives go first
                    candidates.sort(Comparator.comparing(link -> !advice.alternatives().contains(link.networkId())));
                }
                case NO_ADVICE -> {
                    // the next candidate would be put to the same absent advisor
                    return Optional.empty();
                }
                default -> {
                    // this candidate failed at a step of its own; the next may not
                }
            }
        }
        if (reason.forced()) {
            counters.increment("no-candidate " + reason);
        }
        return Optional.empty();
    }

    /**
     * Who to try, best first. Not forced: targets (active or stable; for a better link, the better
     * stable ones), not on an advisor hold, not failed within the failed-link hold. Forced: every usable link ({@link #forcedPool}), targets
     * first, those on an advisor hold last (asked again: the mobile has nowhere else). Never the link in use, never an
     * avoided network; the advisor's suggested alternative first.
     */
    private List<LinkProfile> candidates(HandoffReason reason) {
        List<LinkProfile> pool = switch (reason) {
            case BETTER_LINK -> betterLinks();
            case DETERIORATING -> others().stream()
                    .filter(link -> machines.get(link.iface()).state().target())
                    .filter(link -> !advisorHolds.containsKey(link.networkId()) && !failed.containsKey(link.iface()))
                    .toList();
            case ATTACH, LINK_LOST, REACTIVE_ADVICE -> forcedPool();
        };
        Comparator<LinkProfile> order = Comparator
                .comparing((LinkProfile link) -> suggested.isEmpty() || suggested.getAsInt() != link.networkId())
                .thenComparing(link -> advisorHolds.containsKey(link.networkId()))
                .thenComparing(link -> !machines.get(link.iface()).state().target())
                .thenComparing(Comparator.comparingDouble(this::score).reversed())
                .thenComparing(LinkProfile::iface);
        return pool.stream().sorted(order).toList();
    }

    /**
     * Every usable link; if there is none, the links that are up and whose last raw sample is at or
     * above inactive although their average has not climbed back to available yet: a link that may
     * work beats one that does not (the rule that the mobile never stays on an inactive link wins
     * over the hysteresis).
     */
    private List<LinkProfile> forcedPool() {
        List<LinkProfile> usable = others().stream()
                .filter(link -> machines.get(link.iface()).state().usable())
                .toList();
        if (!usable.isEmpty()) {
            return usable;
        }
        return others().stream()
                .filter(link -> machines.get(link.iface()).state() == LinkState.INACTIVE)
                .filter(link -> machines.get(link.iface()).rawDbm() >= config.thresholds().inactive())
                .toList();
    }

    private List<LinkProfile> others() {
        return links.values().stream()
                .filter(link -> link != current)
                .filter(link -> !avoided.containsKey(link.networkId()))
                .toList();
    }

    private HandoffQuestion question(LinkProfile target) {
        long signal = Math.round(machines.get(target.iface()).averageDbm());
        int dbm = (int) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, signal));
        return new HandoffQuestion(target, current == null ? 0 : current.networkId(), dbm, config.realTimeSessions(),
                config.sessionKbps());
    }

    private Handoff moved(LinkProfile target, HandoffReason reason, Instant now, boolean advised,
            Optional<Duration> granted) {
        Optional<String> from = current();
        current = target;
        renewAt = now.plus(renewAfter(granted));
        suggested = OptionalInt.empty();
        counters.increment("handoff " + reason);
        LOG.log(Level.INFO, "handoff {0} -> {1} ({2}{3})", from.orElse("none"), target.iface(), reason,
                advised ? ", advised" : ", unadvised");
        return new Handoff(now, from, target.iface(), reason, advised);
    }

    /** Another link shares the care-of address of {@code link}: they are a subnet group. */
    private boolean inGroup(LinkProfile link) {
        return links.values().stream().anyMatch(other -> other != link && other.careOf().equals(link.careOf()));
    }

    /** The binding is unchanged: the renewal stays due when it was; only the link in use changes. */
    private Handoff movedWithinGroup(LinkProfile target, HandoffReason reason, Instant now) {
        Optional<String> from = current();
        current = target;
        suggested = OptionalInt.empty();
        counters.increment("handoff " + reason + " same address");
        LOG.log(Level.INFO, "handoff {0} -> {1} ({2}, same address {3})", from.orElse("none"), target.iface(), reason,
                target.careOf().getHostAddress());
        return new Handoff(now, from, target.iface(), reason, false, true);
    }

    /**
     * The configured {@code renewAfter}, or half the lifetime the home agent granted if that is sooner
     * (RFC 5944 §3.6: the binding lasts what was granted, which may be less than asked; half leaves
     * room for the retransmissions of a lossy link).
     */
    private Duration renewAfter(Optional<Duration> granted) {
        return granted.map(g -> g.dividedBy(2)).filter(half -> !half.isZero() && half.compareTo(config.renewAfter()) < 0)
                .orElse(config.renewAfter());
    }

    private double score(LinkProfile link) {
        return ranking.score(link, machines.get(link.iface()).averageDbm());
    }
}
