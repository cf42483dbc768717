package net.homeagent.hacn.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;

import net.homeagent.hacn.control.ControlCore.AgentView;
import net.homeagent.mip.api.management.ControlNodeView;

/**
 * The control node as mip-api's {@link ControlNodeView} (the SNMP agent's HOMEAGENT-HACN-MIB): the
 * counters of {@code hacn:stats}, the pair of {@code hacn:status} and the HAs of {@code hacn:agents},
 * read under the control node's lock in one go.
 */
public final class ManagementView implements ControlNodeView {

    /** The reasons ControlCore.request drops a datagram of the public address for (its drops' counters). */
    private static final List<String> REQUEST_DROPS = List.of("requests-while-standby", "requests-undecodable",
            "requests-not-a-request", "requests-retransmitted-in-flight", "requests-no-agent",
            "requests-held-switching-over");

    private final ControlCore core;

    public ManagementView(ControlCore core) {
        this.core = core;
    }

    @Override
    public ControlNode controlNode() {
        return core.read(() -> {
            Instant now = core.now();
            SortedMap<String, Long> c = core.counters().all();
            List<Agent> agents = core.view().stream().map(a -> agent(a, now)).toList();
            return new ControlNode(counts(c), pair(c), agents);
        });
    }

    static Counts counts(SortedMap<String, Long> c) {
        return new Counts(get(c, "requests-received"), get(c, "requests-forwarded"), get(c, "replies-sent"),
                get(c, "requests-timed-out"), REQUEST_DROPS.stream().mapToLong(name -> get(c, name)).sum(),
                c.entrySet().stream().filter(e -> e.getKey().startsWith("dropped-")).mapToLong(Map.Entry::getValue).sum(), get(c, "detections-heartbeat"), get(c, "detections-poll"),
                get(c, "detections-interrupt"), get(c, "detections-download"), get(c, "detections-restart"),
                get(c, "detections-rejoin"), get(c, "takeovers-started"), get(c, "takeovers-completed"),
                get(c, "takeovers-without-redundant"), get(c, "bindings-downloaded"), get(c, "switchovers-completed"),
                get(c, "switchovers-abandoned"), get(c, "rejoins"), get(c, "snapshot-reasks"),
                get(c, "switchovers-refused"));
    }

    private Pair pair(SortedMap<String, Long> c) {
        long sent = get(c, "replicas-sent");
        long received = get(c, "replicas-applied") + get(c, "replicas-stale");
        long learns = get(c, "learned");
        long own = get(c, "learned-own");
        long resumes = get(c, "resumes-as-active");
        return core.pair().map(p -> {
            PairRole role = switch (p.role()) {
                case LEARNING -> PairRole.LEARNING;
                case STANDBY -> PairRole.STANDBY;
                case ACTIVE -> PairRole.ACTIVE;
            };
            int active = role == PairRole.ACTIVE ? core.nodeId() : p.peer().nodeId();
            return new Pair(role, OptionalInt.of(p.peer().nodeId()), OptionalInt.of(active), sent, received, learns,
                    own, resumes);
        }).orElse(new Pair(PairRole.ALONE, OptionalInt.empty(), OptionalInt.empty(), sent, received, learns, own,
                resumes));
    }

    static Agent agent(AgentView a, Instant now) {
        OptionalLong heard = a.lastHeard().map(at -> OptionalLong.of(Math.max(0, Duration.between(at, now).toMillis())))
                .orElse(OptionalLong.empty());
        return new Agent(a.nodeId(), a.spec().address().getAddress().getHostAddress() + ":" + a.spec().address().getPort(),
                a.redundant(), ControlNodeView.AgentState.ofLabel(a.state().text()).orElseThrow(), a.spec().priority(),
                a.spec().capacity(), a.homeAddresses(), a.bindings(), a.reportedBindings(), heard, a.load(), a.requests(),
                a.inFlight(), a.detections(), a.successor(), a.awaitingTakeover());
    }

    private static long get(SortedMap<String, Long> counters, String name) {
        return counters.getOrDefault(name, 0L);
    }

}
