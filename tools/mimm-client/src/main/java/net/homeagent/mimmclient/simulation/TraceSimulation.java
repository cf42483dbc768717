package net.homeagent.mimmclient.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.manager.Handoff;
import net.homeagent.mimmclient.manager.LinkProfile;
import net.homeagent.mimmclient.manager.ManagerConfig;
import net.homeagent.mimmclient.manager.MobilityManager;
import net.homeagent.mimmclient.monitor.LinkSample;
import net.homeagent.mimmclient.monitor.Observation;
import net.homeagent.mimmclient.monitor.Trace;

/**
 * Runs a mobility manager over a trace, with the simulated home agent (every network has room) and
 * the in-memory routing table, and measures it ({@link RunFigures}). A link counts as inactive when
 * it is down or its raw signal is below {@code inactiveDbm}: the same yardstick for every manager
 * compared, whatever thresholds it decides by.
 */
public final class TraceSimulation {

    private final List<LinkProfile> links;
    private final int inactiveDbm;
    private final Duration pingPongWindow;

    public TraceSimulation(List<LinkProfile> links, int inactiveDbm, Duration pingPongWindow) {
        this.links = List.copyOf(links);
        this.inactiveDbm = inactiveDbm;
        this.pingPongWindow = pingPongWindow;
    }

    public RunFigures run(ManagerConfig config, Trace trace) {
        List<Integer> networks = links.stream().map(LinkProfile::networkId).toList();
        SimulatedHomeAgent homeAgent = new SimulatedHomeAgent(networks, Set.of(), 30);
        MobilityManager manager = new MobilityManager(config, links, homeAgent, homeAgent, new InMemoryRoutes(),
                new Counters());
        long handoffs = 0;
        long pingPongs = 0;
        long inactive = 0;
        long run = 0;
        long longest = 0;
        Map<String, Instant> leftAt = new HashMap<>();
        for (Observation observation : trace.observations()) {
            Optional<Handoff> handoff = manager.tick(observation);
            if (handoff.isPresent()) {
                handoffs++;
                Handoff h = handoff.get();
                Instant left = leftAt.get(h.to());
                if (left != null && !h.time().isAfter(left.plus(pingPongWindow))) {
                    pingPongs++;
                }
                h.from().ifPresent(from -> leftAt.put(from, h.time()));
            }
            if (onInactiveLinkWithAnotherAtHand(manager.current(), observation)) {
                inactive++;
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return new RunFigures(trace.observations().size(), handoffs, pingPongs, inactive, longest);
    }

    private boolean onInactiveLinkWithAnotherAtHand(Optional<String> current, Observation observation) {
        if (current.isEmpty()) {
            return false;
        }
        boolean onInactive = false;
        boolean otherActive = false;
        for (LinkSample sample : observation.links()) {
            boolean isInactive = !sample.up() || sample.signalDbm() < inactiveDbm;
            if (sample.iface().equals(current.get())) {
                onInactive = isInactive;
            } else if (!isInactive) {
                otherActive = true;
            }
        }
        return onInactive && otherActive;
    }
}
