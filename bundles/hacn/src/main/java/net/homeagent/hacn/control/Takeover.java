package net.homeagent.hacn.control;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.hacn.wire.HacnMessage.Activate;
import net.homeagent.hacn.wire.SnapshotChunks;
import net.homeagent.mip.api.Binding;

/**
 * Moves a failed HA's home addresses (or those of an HA switched over by the operator) to a
 * redundant HA (docs/hacn.md, "Takeover"; the hot-standby design): the best redundant HA standing by (highest priority, then one whose capacity holds the
 * failed HA's bindings, then the largest capacity) receives the failed HA's MBR snapshot in chunks,
 * each acknowledged by the link (which retransmits); when every chunk is acknowledged it is
 * activated, and once the activation is acknowledged the control node routes the failed HA's home
 * addresses to it. A redundant HA that does not acknowledge is declared failed and the next one
 * gets the download. Under the control node's lock; acknowledgements come back through it.
 */
final class Takeover {

    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);

    /**
     * Chunks of a download unacknowledged at once: 64 of at most {@code chunkBytes} (1,200 by default,
     * ~77 KB), far inside a socket buffer and the peer link's windows, as group-sync's learn paces
     * its chunks. Sending a whole MBR at once (3,652 chunks for 98,593 bindings) overflowed the
     * redundant HA's socket on the shared test box, the link gave up on chunks after its bound and
     * the redundant HA was declared failed, again at every retry (bench-hacn.sh, 2026-12-07).
     */
    static final int CHUNKS_IN_FLIGHT = 64;

    /** One download: its chunks, how many were sent and how many acknowledged. */
    private static final class Transfer {
        final int id;
        final TrackedAgent failed;
        final TrackedAgent target;
        final List<Binding> records;
        final List<byte[]> chunks;
        int sent;
        int acknowledged;

        Transfer(int id, TrackedAgent failed, TrackedAgent target, List<Binding> records, List<byte[]> chunks) {
            this.id = id;
            this.failed = failed;
            this.target = target;
            this.records = records;
            this.chunks = chunks;
        }

        TrackedAgent failed() {
            return failed;
        }

        TrackedAgent target() {
            return target;
        }
    }

    private final ControlSettings settings;
    private final ControlCore core;
    private final Map<Integer, Transfer> byTarget = new HashMap<>();
    private final IdSequence transferIds = new IdSequence();

    Takeover(ControlSettings settings, ControlCore core) {
        this.settings = settings;
        this.core = core;
    }

    /**
     * Starts moving {@code failed}'s MBR (a failed HA's, or one switching over) to the best
     * redundant HA, unless a transfer of it is under way.
     */
    void start(TrackedAgent failed, Instant now) {
        if (taking(failed)) {
            return;
        }
        Optional<TrackedAgent> best = best(failed.mbr().bindings());
        if (best.isEmpty() && failed.state() == AgentState.SWITCHING_OVER) {
            core.counters().increment("switchovers-abandoned");
            failed.moveTo(AgentState.ACTIVE, "switchover abandoned: no redundant HA stands by any more");
            return;
        }
        if (best.isEmpty()) {
            core.counters().increment("takeovers-without-redundant");
            LOG.warn("HA {} failed with {} bindings and no redundant HA stands by: its mobile nodes are not served",
                    failed.nodeId(), failed.mbr().bindings());
            return;
        }
        TrackedAgent target = best.get();
        int transferId = transferIds.nextInt();
        List<Binding> records = failed.mbr().all();
        List<byte[]> chunks = SnapshotChunks.encode(transferId, 0, records, settings.chunkBytes(), now);
        Transfer transfer = new Transfer(transferId, failed, target, records, chunks);
        byTarget.put(target.nodeId(), transfer);
        target.mbr().downloadStarted();
        target.moveTo(AgentState.RECEIVING, "taking over HA " + failed.nodeId() + "'s " + failed.mbr().bindings()
                + " bindings in " + chunks.size() + " chunks");
        core.counters().increment("takeovers-started");
        sendMore(transfer);
    }

    /** Sends the transfer's next chunks while fewer than {@link #CHUNKS_IN_FLIGHT} are unacknowledged. */
    private void sendMore(Transfer transfer) {
        while (current(transfer) && transfer.sent < transfer.chunks.size()
                && transfer.sent - transfer.acknowledged < CHUNKS_IN_FLIGHT) {
            byte[] chunk = transfer.chunks.get(transfer.sent++);
            core.counters().increment("download-chunks-sent");
            core.sendBytes(transfer.target, chunk)
                    .whenComplete((ok, failure) -> core.locked(() -> chunkDone(transfer, failure)));
        }
    }

    /**
     * The failed HAs whose mobiles wait for a redundant HA (none stood by when they failed, or the
     * control node restarted during their takeover): taken over as soon as one stands by.
     */
    void startWaiting(Instant now) {
        for (TrackedAgent agent : List.copyOf(core.agents())) {
            if (agent.state() == AgentState.FAILED && agent.awaitingTakeover() && !taking(agent)
                    && best(agent.mbr().bindings()).isPresent()) {
                core.counters().increment("takeovers-of-waiting");
                start(agent, now);
            }
        }
    }

    /** Whether {@code source}'s MBR is being downloaded to a redundant HA. */
    boolean taking(TrackedAgent source) {
        return byTarget.values().stream().anyMatch(t -> t.failed() == source);
    }

    /** The redundant HA standing by that would take {@code bindings} over now. */
    Optional<TrackedAgent> best(int bindings) {
        return core.agents().stream().filter(a -> a.state() == AgentState.STANDING_BY).min(choiceOrder(bindings));
    }

    /**
     * The order of choice for a takeover of {@code bindings}: highest priority, then one whose
     * capacity holds them, then the largest capacity, then the lowest node id.
     */
    Comparator<TrackedAgent> choiceOrder(int bindings) {
        return Comparator.<TrackedAgent>comparingInt(a -> a.spec().priority()).reversed()
                .thenComparing(a -> fits(a, bindings) ? 0 : 1)
                .thenComparing(Comparator.<TrackedAgent>comparingInt(a -> capacity(a)).reversed())
                .thenComparingInt(TrackedAgent::nodeId);
    }

    private static boolean fits(TrackedAgent agent, int bindings) {
        return agent.spec().capacity() == 0 || agent.spec().capacity() >= bindings;
    }

    private static int capacity(TrackedAgent agent) {
        return agent.spec().capacity() == 0 ? Integer.MAX_VALUE : agent.spec().capacity();
    }

    private boolean current(Transfer transfer) {
        return byTarget.get(transfer.target().nodeId()) == transfer;
    }

    private void chunkDone(Transfer transfer, Throwable failure) {
        if (!current(transfer)) {
            return;
        }
        if (failure != null) {
            core.fail(transfer.target(), "download", "did not acknowledge a chunk of HA " + transfer.failed().nodeId()
                    + "'s bindings");
            return;
        }
        if (++transfer.acknowledged < transfer.chunks.size()) {
            sendMore(transfer);
            return;
        }
        core.send(transfer.target(), new Activate(transfer.id, transfer.chunks.size()))
                .whenComplete((ok, error) -> core.locked(() -> activated(transfer, error)));
    }

    private void activated(Transfer transfer, Throwable failure) {
        if (!current(transfer)) {
            return;
        }
        if (failure != null) {
            core.fail(transfer.target(), "download", "did not acknowledge its activation");
            return;
        }
        byTarget.remove(transfer.target().nodeId());
        // the redundant HA does not report what it was downloaded: its MBR gets the records sent
        transfer.target().mbr().downloadActivated(transfer.records, core.now());
        transfer.failed().successor(transfer.target().nodeId());
        core.counters().increment("takeovers-completed");
        core.counters().add("bindings-downloaded", transfer.records.size());
        boolean switchover = transfer.failed().state() == AgentState.SWITCHING_OVER;
        // the details name the takeover for machines: the SNMP agent's hacnTakeoverDone
        transfer.target().moveTo(AgentState.ACTIVE, "activated with HA " + transfer.failed().nodeId() + "'s "
                + transfer.records.size() + " bindings", Map.of("takenFrom", Integer.toString(transfer.failed().nodeId()),
                        "bindings", Integer.toString(transfer.records.size()), "cause", switchover ? "switchover" : "failure"));
        if (switchover) {
            core.switchedOver(transfer.failed());
        }
    }

    /**
     * A redundant HA failed while it received a download: the failed HA it was taking over goes to
     * the next redundant HA.
     */
    void targetFailed(TrackedAgent target, Instant now) {
        Transfer transfer = byTarget.remove(target.nodeId());
        if (transfer != null) {
            target.mbr().downloadAbandoned();
            core.counters().increment("takeovers-retried");
            start(transfer.failed(), now);
        }
    }

    /** Transfers under way, for the operator. */
    int running() {
        return byTarget.size();
    }
}
