package net.homeagent.mimm;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

import net.homeagent.mimm.network.ForwardedTraffic;
import net.homeagent.mimm.network.Network;
import net.homeagent.mimm.network.NetworkLoad;
import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mimm.network.RealTimeSessionSource;
import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;
import net.homeagent.mip.codec.mimm.RequestHandoff;
import net.homeagent.mip.api.Binding;

/**
 * Whether a mobile may move to the network it asks for (docs/mimm.md, "Decision"): the rules of
 * {@link Rule} in order, the first that matches gives the advice. A "not now" names the networks
 * that have room for the newcomer, the most spare capacity first.
 */
final class HandoffDecision {

    /** The decision table, read top to bottom. */
    enum Rule {
        /** The target id is not configured, or the care-of address is in no network's prefixes. */
        TARGET_UNKNOWN(Verdict.NO, Reason.TARGET_UNKNOWN, s -> s.target().isEmpty()),
        /** The target carries as many mobiles as it is configured for, without the newcomer. */
        TARGET_FULL_MOBILES(Verdict.NOT_NOW, Reason.TARGET_FULL_MOBILES,
                s -> s.mobilesWithNewcomer() > s.target().orElseThrow().capacityMobiles()),
        /** The target's real-time sessions and the newcomer's would pass its kbit/s. */
        TARGET_FULL_BANDWIDTH(Verdict.NOT_NOW, Reason.TARGET_FULL_BANDWIDTH,
                s -> s.kbpsWithNewcomer() > s.target().orElseThrow().capacityKbps()),
        /**
         * The traffic the home agent forwards for the target's mobiles (data-plane counters, last
         * interval) and the newcomer's kbit/s would pass the target's forwarded kbit/s. Not judged when
         * the network has no such capacity or the traffic is unknown (no data plane, or not sampled
         * twice yet): an unknown figure must not keep mobiles on a failing link. On the wire it is the
         * bandwidth reason: the mobile's choice is the same.
         */
        TARGET_BUSY_TRAFFIC(Verdict.NOT_NOW, Reason.TARGET_FULL_BANDWIDTH,
                s -> s.forwardedWithNewcomer().isPresent() && s.target().orElseThrow().forwardedKbps().isPresent()
                        && s.forwardedWithNewcomer().getAsLong() > s.target().orElseThrow().forwardedKbps().getAsLong()),
        /** Nothing above: the target has room. */
        ROOM_IN_TARGET(Verdict.GO, Reason.NONE, s -> true);

        final Verdict verdict;
        final Reason reason;
        private final Predicate<Situation> matches;

        Rule(Verdict verdict, Reason reason, Predicate<Situation> matches) {
            this.verdict = verdict;
            this.reason = reason;
            this.matches = matches;
        }
    }

    /** The rules in order, once: {@code Rule.values()} copies the array on every call. */
    private static final Rule[] RULES = Rule.values();

    /** How long each verdict holds, seconds (net.homeagent.mimm: goHoldSeconds, ...). */
    record HoldTimes(int go, int notNow, int no) {
        HoldTimes {
            for (int seconds : new int[] {go, notNow, no}) {
                if (seconds < 0 || seconds > 0xffff) {
                    throw new IllegalArgumentException("a hold time is 0..65535 s (16 bits on the wire): " + seconds);
                }
            }
        }

        int of(Verdict verdict) {
            return switch (verdict) {
                case GO -> go;
                case NOT_NOW -> notNow;
                case NO -> no;
            };
        }
    }

    /** The rule that matched and the advice it gives. */
    record Outcome(Rule rule, HandoffAdvice advice) {
    }

    /** What the rules look at. */
    private record Situation(Optional<Network> target, int mobilesWithNewcomer, long kbpsWithNewcomer,
            OptionalLong forwardedWithNewcomer) {
    }

    private final NetworkPlan plan;
    private final NetworkLoad load;
    private final RealTimeSessionSource sessions;
    private final ForwardedTraffic traffic;
    private final HoldTimes holds;
    private final int maxAlternatives;

    HandoffDecision(NetworkPlan plan, NetworkLoad load, RealTimeSessionSource sessions, ForwardedTraffic traffic,
            HoldTimes holds, int maxAlternatives) {
        this.plan = plan;
        this.load = load;
        this.sessions = sessions;
        this.traffic = traffic;
        this.holds = holds;
        this.maxAlternatives = Math.max(0, Math.min(maxAlternatives, HandoffAdvice.MAX_ALTERNATIVES));
    }

    /**
     * @param request  what the mobile asks
     * @param proposed the binding the home agent would write: its care-of address is the target
     *                 when the request names none
     */
    Outcome decide(RequestHandoff request, Binding proposed) {
        Optional<Network> target = request.targetNetwork().isPresent()
                ? plan.byId(request.targetNetwork().getAsInt())
                : plan.byCareOf(proposed.careOfAddress());
        Situation situation = target.map(network -> {
            // a mobile renewing the binding it already has there is no newcomer: it adds no load
            boolean there = load.isCountedIn(proposed.key(), network.id());
            long newcomerKbps = there ? 0 : request.sessionKbps();
            OptionalLong forwarded = traffic.kbps(network.id());
            return new Situation(target, load.mobiles(network.id()) + (there ? 0 : 1),
                    sessions.sessions(network.id()).kbps() + newcomerKbps,
                    forwarded.isPresent() ? OptionalLong.of(forwarded.getAsLong() + newcomerKbps) : OptionalLong.empty());
        }).orElse(new Situation(target, 0, 0, OptionalLong.empty()));
        Rule rule = firstMatch(situation);
        List<Integer> alternatives = rule.verdict == Verdict.NOT_NOW
                ? alternatives(target.orElseThrow().id(), request)
                : List.of();
        return new Outcome(rule, new HandoffAdvice(rule.verdict, rule.reason, holds.of(rule.verdict),
                target.map(Network::id).orElse(0), alternatives, false));
    }

    private static Rule firstMatch(Situation situation) {
        for (Rule rule : RULES) {
            if (rule.matches.test(situation)) {
                return rule;
            }
        }
        throw new IllegalStateException("ROOM_IN_TARGET matches every situation");
    }

    /** Networks other than the target and the mobile's own that take the newcomer, most room first. */
    private List<Integer> alternatives(int targetId, RequestHandoff request) {
        return plan.networks().stream()
                .filter(n -> n.id() != targetId && n.id() != request.currentNetwork())
                .filter(n -> spare(n, request) >= 0)
                .sorted(Comparator.comparingDouble((Network n) -> spare(n, request)).reversed()
                        .thenComparingInt(Network::id))
                .limit(maxAlternatives)
                .map(Network::id)
                .toList();
    }

    /**
     * The share of the network's capacity left once the newcomer is in, the scarcest of mobiles,
     * real-time kbit/s and forwarded kbit/s where those are judged (0..1); negative when it would not fit.
     */
    private double spare(Network network, RequestHandoff request) {
        if (network.capacityMobiles() == 0 || network.capacityKbps() == 0) {
            return -1;
        }
        double mobiles = network.capacityMobiles() - load.mobiles(network.id()) - 1.0;
        double kbps = network.capacityKbps() - sessions.sessions(network.id()).kbps() - (double) request.sessionKbps();
        double spare = Math.min(mobiles / network.capacityMobiles(), kbps / network.capacityKbps());
        OptionalLong forwarded = traffic.kbps(network.id());
        if (network.forwardedKbps().isPresent() && forwarded.isPresent()) {
            long capacity = network.forwardedKbps().getAsLong();
            double left = capacity - forwarded.getAsLong() - (double) request.sessionKbps();
            spare = Math.min(spare, capacity == 0 ? -1 : left / capacity);
        }
        return spare;
    }
}
