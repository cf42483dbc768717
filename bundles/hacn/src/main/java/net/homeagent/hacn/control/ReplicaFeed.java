package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.hacn.Counters;
import net.homeagent.hacn.wire.HacnCodec;
import net.homeagent.hacn.wire.HacnMessage;
import net.homeagent.hacn.wire.HacnMessage.AgentEntry;
import net.homeagent.hacn.wire.HacnMessage.LearnSummary;
import net.homeagent.hacn.wire.HacnMessage.LearnedAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaHome;
import net.homeagent.hacn.wire.SnapshotChunks;
import net.homeagent.mip.api.Binding;

/**
 * The active control node's side of its standby (docs/hacn.md, "Standby control node"): every
 * change of an MBR (a home address's records, the moment the control node applies it) and, on the
 * next tick, every change of an HA's state, successor or role goes to the standby as a replica with
 * the next sequence number, sent reliably (the link acknowledges and retransmits). A standby that
 * asks ({@code LearnRequest}) is taught the whole state: each HA's MBR in snapshot chunks and a
 * summary with every HA's entry and the replica sequence it was taken at.
 *
 * <p>A replica the link gave up on leaves the standby behind: live replicas stop (a whole state
 * follows), and every {@code retry} one HA's entry is sent again as a probe; once a probe is
 * acknowledged the standby is taught the whole state again, unasked. A standby that restarted asks
 * by itself. Called under the control node's lock.
 */
final class ReplicaFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFeed.class);

    private final ControlCore core;
    private final PeerControlNode standby;
    private final int chunkBytes;
    private final Duration retry;
    private final Counters counters;
    private final Map<Integer, AgentEntry> sent = new HashMap<>();
    private long sequence;
    private final IdSequence transferIds = new IdSequence();
    private boolean behind;
    private Instant lastProbe;

    ReplicaFeed(ControlCore core, PeerControlNode standby, int chunkBytes, Duration retry, Counters counters) {
        this.core = core;
        this.standby = standby;
        this.chunkBytes = chunkBytes;
        this.retry = retry;
        this.counters = counters;
    }

    /** HA {@code nodeId}'s MBR of {@code home} is {@code bindings} now. */
    void home(int nodeId, Inet4Address home, List<Binding> bindings, Instant now) {
        if (behind) {
            counters.increment("replicas-skipped-standby-behind");
            return;
        }
        counters.increment("replicas-sent");
        send(new ReplicaHome(++sequence, nodeId, home, bindings), now);
    }

    /** Every tick: the HAs' entries that changed since last sent, or a probe of a standby left behind. */
    void tick(Instant now) {
        if (behind) {
            if (lastProbe == null || !now.isBefore(lastProbe.plus(retry))) {
                probe(now);
            }
            return;
        }
        for (TrackedAgent agent : core.agents()) {
            AgentEntry entry = entryOf(agent);
            if (!entry.equals(sent.get(agent.nodeId()))) {
                sent.put(agent.nodeId(), entry);
                counters.increment("replicas-sent");
                send(new ReplicaAgent(++sequence, entry), now);
            }
        }
    }

    private void probe(Instant now) {
        lastProbe = now;
        if (core.agents().isEmpty()) {
            return;
        }
        TrackedAgent first = core.agents().iterator().next();
        counters.increment("standby-probes");
        core.sendTo(standby.address(), HacnCodec.encode(new ReplicaAgent(++sequence, entryOf(first)), now))
                .thenRun(() -> core.locked(() -> {
                    if (behind) {
                        LOG.info("the standby control node {} answers again: teaching it the whole state",
                                standby.nodeId());
                        teach(transferIds.nextInt(), core.now());
                    }
                }));
    }

    /**
     * The whole state to the standby, as the answer to its learn request {@code transferId} (or
     * unasked, after it fell behind): each HA's MBR in chunks, then the summary.
     */
    void teach(int transferId, Instant now) {
        behind = false;
        long at = ++sequence;
        List<LearnedAgent> learned = new ArrayList<>();
        int bindings = 0;
        for (TrackedAgent agent : core.agents()) {
            AgentEntry entry = entryOf(agent);
            sent.put(agent.nodeId(), entry);
            int mbrTransferId = transferIds.nextInt();
            List<Binding> mbr = agent.mbr().all();
            bindings += mbr.size();
            List<byte[]> chunks = SnapshotChunks.encode(mbrTransferId, at, mbr, chunkBytes, now);
            learned.add(new LearnedAgent(entry, mbrTransferId, chunks.size()));
            chunks.forEach(this::sendBytes);
        }
        counters.increment("standby-taught");
        LOG.info("teaching the standby control node {} the whole state: {} HAs, {} bindings (learn {}, sequence {})",
                standby.nodeId(), learned.size(), bindings, transferId, at);
        send(new LearnSummary(transferId, true, at, learned), now);
    }

    /** This control node just became active: its standby (the former active one) knows nothing of its sequences. */
    void restart() {
        sent.clear();
        behind = false;
        lastProbe = null;
    }

    static AgentEntry entryOf(TrackedAgent agent) {
        return new AgentEntry(agent.nodeId(), CheckpointFile.code(agent.state()), agent.successor().orElse(0),
                agent.redundant(), agent.awaitingTakeover());
    }

    private void send(HacnMessage message, Instant now) {
        sendBytes(HacnCodec.encode(message, now));
    }

    private void sendBytes(byte[] payload) {
        core.sendTo(standby.address(), payload).whenComplete((ok, failure) -> {
            if (failure != null) {
                core.locked(() -> {
                    counters.increment("replicas-unacknowledged");
                    if (!behind) {
                        behind = true;
                        LOG.warn("the standby control node {} did not acknowledge a replica ({}): it is behind; probing"
                                + " it every {} ms, then teaching it the whole state", standby.nodeId(),
                                failure.getMessage(), retry.toMillis());
                    }
                });
            }
        });
    }

    /** Whether the standby missed a replica and has not been taught since. */
    boolean behind() {
        return behind;
    }
}
