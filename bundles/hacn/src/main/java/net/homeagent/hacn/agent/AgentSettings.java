package net.homeagent.hacn.agent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import net.homeagent.hacn.Endpoints;

/**
 * {@link AgentConfig}, checked.
 *
 * @param controlNodeId the HACN's peer-link node id
 * @param controlNode   the HACN's peer-link address
 * @param heartbeat     how often the HA tells the HACN it is alive
 * @param redundant     whether this HA stands by until activated
 * @param chunkBytes    largest snapshot chunk
 * @param standbyControlNodes the standby control node(s) by node id: the HA follows whichever of its
 *                      control nodes last sent it something (docs/hacn.md, "Standby control node")
 */
public record AgentSettings(int controlNodeId, InetSocketAddress controlNode, Duration heartbeat, boolean redundant,
        int chunkBytes, Map<Integer, InetSocketAddress> standbyControlNodes) {

    /** An HA of a control node without a standby. */
    public AgentSettings(int controlNodeId, InetSocketAddress controlNode, Duration heartbeat, boolean redundant,
            int chunkBytes) {
        this(controlNodeId, controlNode, heartbeat, redundant, chunkBytes, Map.of());
    }

    /** The link's largest payload with its default MTU (docs/protocols.md, "Records"). */
    public static final int LARGEST_PAYLOAD = 1322;

    public AgentSettings {
        standbyControlNodes = Map.copyOf(standbyControlNodes);
        if (standbyControlNodes.containsKey(controlNodeId) || standbyControlNodes.containsKey(0)) {
            throw new IllegalArgumentException("standbyControlNodeId: another node than controlNodeId, and positive");
        }
        if (controlNodeId <= 0) {
            throw new IllegalArgumentException("controlNodeId: the control node's peer-link node id is required");
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeatMillis must be positive");
        }
        if (chunkBytes < 200 || chunkBytes > LARGEST_PAYLOAD) {
            throw new IllegalArgumentException("chunkBytes must be 200 to " + LARGEST_PAYLOAD + ": " + chunkBytes);
        }
    }

    static AgentSettings from(AgentConfig config) {
        return new AgentSettings(config.controlNodeId(), Endpoints.socket("controlNode", config.controlNode()),
                Duration.ofMillis(config.heartbeatMillis()), config.redundant(), config.chunkBytes(),
                config.standbyControlNodeId() == 0 ? Map.of()
                        : Map.of(config.standbyControlNodeId(), Endpoints.socket("standbyControlNode",
                                config.standbyControlNode())));
    }
}
