package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.homeagent.hacn.wire.HacnMessage.AgentEntry;
import net.homeagent.hacn.wire.HacnMessage.LearnSummary;
import net.homeagent.hacn.wire.HacnMessage.LearnedAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaHome;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.mip.api.Binding;

/**
 * What a standby control node holds of the active one's state (docs/hacn.md, "Standby control
 * node"): every HA's entry and MBR, each home address's records and each entry with the sequence of
 * the replica that set it. The link does not order deliveries, so a replica older than what a key
 * holds is stale and ignored: the state is the latest replica of each key whatever the order of
 * arrival. A whole state taught at sequence S (a summary and its MBRs' chunks, kept until all are
 * there) replaces every key not set by a replica newer than S. Called under the control node's lock.
 */
final class ReplicaStore {

    private record Home(long sequence, List<Binding> bindings) {
    }

    private record Entry(long sequence, AgentEntry entry) {
    }

    private final Map<Integer, Entry> agents = new TreeMap<>();
    private final Map<Integer, Map<Inet4Address, Home>> homes = new HashMap<>();
    private final Map<Integer, Map<Integer, SnapshotChunk>> chunks = new HashMap<>();
    private LearnSummary summary;

    /** Forgets everything: a learn starts from nothing. */
    void clear() {
        agents.clear();
        homes.clear();
        chunks.clear();
        summary = null;
    }

    /** Takes {@code contents} (this control node's own checkpoint or state) as sequence 0's. */
    void load(CheckpointFile.Contents contents) {
        clear();
        for (CheckpointFile.Agent a : contents.agents()) {
            agents.put(a.nodeId(), new Entry(0, new AgentEntry(a.nodeId(), CheckpointFile.code(a.state()), a.successor(),
                    a.redundant(), a.awaitingTakeover())));
            Map<Inet4Address, List<Binding>> byHome = new HashMap<>();
            for (Binding b : a.bindings()) {
                byHome.computeIfAbsent(b.homeAddress(), h -> new ArrayList<>()).add(b);
            }
            byHome.forEach((home, bindings) -> homesOf(a.nodeId()).put(home, new Home(0, List.copyOf(bindings))));
        }
    }

    /** @return false for a stale replica (its key holds a newer one) */
    boolean home(ReplicaHome replica) {
        Home held = homesOf(replica.nodeId()).get(replica.homeAddress());
        if (held != null && held.sequence() >= replica.sequence()) {
            return false;
        }
        homesOf(replica.nodeId()).put(replica.homeAddress(), new Home(replica.sequence(), replica.bindings()));
        return true;
    }

    /** @return false for a stale replica */
    boolean agent(ReplicaAgent replica) {
        Entry held = agents.get(replica.agent().nodeId());
        if (held != null && held.sequence() >= replica.sequence()) {
            return false;
        }
        agents.put(replica.agent().nodeId(), new Entry(replica.sequence(), replica.agent()));
        return true;
    }

    void chunk(SnapshotChunk chunk) {
        chunks.computeIfAbsent(chunk.transferId(), id -> new HashMap<>()).put(chunk.index(), chunk);
    }

    void summary(LearnSummary taught) {
        summary = taught;
    }

    /**
     * Applies the summary once every chunk of its MBRs is here.
     *
     * @return whether a whole state was applied now
     */
    boolean completeLearn() {
        if (summary == null) {
            return false;
        }
        for (LearnedAgent a : summary.agents()) {
            if (chunks.getOrDefault(a.mbrTransferId(), Map.of()).size() < a.chunks()) {
                return false;
            }
        }
        long at = summary.sequence();
        agents.values().removeIf(e -> e.sequence() < at);
        homes.values().forEach(table -> table.values().removeIf(h -> h.sequence() < at));
        for (LearnedAgent a : summary.agents()) {
            agents.putIfAbsent(a.entry().nodeId(), new Entry(at, a.entry()));
            Map<Inet4Address, List<Binding>> byHome = new HashMap<>();
            for (SnapshotChunk part : chunks.remove(a.mbrTransferId()).values()) {
                for (Binding b : part.bindings()) {
                    byHome.computeIfAbsent(b.homeAddress(), h -> new ArrayList<>()).add(b);
                }
            }
            Map<Inet4Address, Home> table = homesOf(a.entry().nodeId());
            byHome.forEach((home, bindings) -> table.putIfAbsent(home, new Home(at, List.copyOf(bindings))));
        }
        summary = null;
        return true;
    }

    private Map<Inet4Address, Home> homesOf(int nodeId) {
        return homes.computeIfAbsent(nodeId, id -> new HashMap<>());
    }

    /** The state as a checkpoint's contents, for the control node to resume from. */
    CheckpointFile.Contents contents(Instant now) {
        List<CheckpointFile.Agent> list = new ArrayList<>();
        for (Entry e : agents.values()) {
            AgentEntry a = e.entry();
            List<Binding> bindings = new ArrayList<>();
            homesOf(a.nodeId()).values().forEach(h -> bindings.addAll(h.bindings()));
            list.add(new CheckpointFile.Agent(a.nodeId(), CheckpointFile.state(a.state()), a.successor(), a.redundant(),
                    a.awaitingTakeover(), bindings));
        }
        return new CheckpointFile.Contents(now, list);
    }

    /** Bindings held, over every HA. */
    int bindings() {
        int count = 0;
        for (Map<Inet4Address, Home> table : homes.values()) {
            for (Home h : table.values()) {
                count += h.bindings().size();
            }
        }
        return count;
    }

    int agents() {
        return agents.size();
    }
}
