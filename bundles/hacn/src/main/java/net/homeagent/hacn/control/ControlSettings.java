package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.homeagent.hacn.Endpoints;
import net.homeagent.hacn.agent.AgentSettings;

/**
 * {@link HacnConfig}, checked: a bad value fails the component's activation with the key's name.
 *
 * @param heartbeatMisses 0: heartbeats detect nothing (polling may)
 * @param pollEvery       zero: no polling in turn
 * @param snapshotStall   a snapshot asked of an HA that brings no new chunk for this long is asked again
 * @param switchoverWait  how long a switchover waits for the HA's MBR to be its whole table before it is refused
 */
public record ControlSettings(Inet4Address publicAddress, int port, List<AgentSpec> agents, HaChoice choice,
        Duration requestTimeout, Duration heartbeat, int heartbeatMisses, boolean pollSilent, Duration pollEvery,
        Duration pollTimeout, Duration gapTimeout, Duration snapshotStall, Duration switchoverWait, int chunkBytes,
        Duration tick) {

    public ControlSettings {
        agents = List.copyOf(agents);
        Set<Integer> ids = new HashSet<>();
        for (AgentSpec agent : agents) {
            if (!ids.add(agent.nodeId())) {
                throw new IllegalArgumentException("HA node id " + agent.nodeId() + " configured twice");
            }
        }
        if (heartbeatMisses < 0) {
            throw new IllegalArgumentException("heartbeatMisses is negative");
        }
        if (chunkBytes < 200 || chunkBytes > AgentSettings.LARGEST_PAYLOAD) {
            throw new IllegalArgumentException("chunkBytes must be 200 to " + AgentSettings.LARGEST_PAYLOAD);
        }
        for (Duration d : List.of(requestTimeout, heartbeat, pollTimeout, gapTimeout, snapshotStall, switchoverWait,
                tick)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every interval and timeout must be positive");
            }
        }
    }

    static ControlSettings from(HacnConfig config) {
        List<AgentSpec> agents = new ArrayList<>(AgentSpec.actives(Endpoints.items(config.agents(), "[,\\s]+")));
        for (String line : Endpoints.items(config.redundantAgents(), ",")) {
            agents.add(AgentSpec.redundant(line));
        }
        return new ControlSettings(Endpoints.address("publicAddress", config.publicAddress()), config.port(), agents,
                HaChoice.named(config.policy(), Endpoints.items(config.ranges(), "[,\\s]+")),
                Duration.ofMillis(config.requestTimeoutMillis()), Duration.ofMillis(config.heartbeatMillis()),
                config.heartbeatMisses(), config.pollSilent(), Duration.ofMillis(config.pollEveryMillis()),
                Duration.ofMillis(config.pollTimeoutMillis()), Duration.ofMillis(config.gapTimeoutMillis()),
                Duration.ofMillis(config.snapshotStallMillis()), Duration.ofMillis(config.switchoverWaitMillis()),
                config.chunkBytes(), Duration.ofMillis(config.tickMillis()));
    }
}
