package net.homeagent.hacn.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.hacn.Counters;
import net.homeagent.hacn.Drops;
import net.homeagent.hacn.wire.HacnCodec;
import net.homeagent.hacn.wire.HacnMessage;
import net.homeagent.hacn.wire.HacnMessage.LearnRequest;
import net.homeagent.hacn.wire.HacnMessage.LearnSummary;
import net.homeagent.hacn.wire.HacnMessage.ReplicaAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaHome;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;

/**
 * A control node with a peer (docs/hacn.md, "Standby control node"): which of the pair it is, as
 * keepalived decides (VRRP, RFC 5798: the master holds the public address), and what it learned.
 *
 * <pre>
 * from      input                                   to        why
 * learning  whole state taught by the active peer   standby   may take the address (track file 0)
 * learning  peer answers it is standby too          standby   both start: each keeps its own checkpoint
 * learning  learn request not acknowledged          standby   peer down: own checkpoint (alone)
 * standby   replica of another life of the active   learning  the active restarted: its sequences did
 * learning, standby  keepalived MASTER              active    RFC 5798 §6.4.2 Backup -> Master: resume
 * active    keepalived BACKUP, FAULT, STOP          learning  RFC 5798 §6.4.3 Master -> Backup: learn from the new master
 * </pre>
 *
 * The track file holds 1 while learning, so keepalived never gives the address to a control node
 * that does not know the HAs' state. Called under the control node's lock.
 */
final class StandbyPair {

    private static final Logger LOG = LoggerFactory.getLogger(StandbyPair.class);

    /** Which of the pair this control node is. */
    enum Role {
        LEARNING, STANDBY, ACTIVE;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final ControlCore core;
    private final PeerControlNode peer;
    private final Counters counters;
    private final Drops drops;
    private final Consumer<Boolean> mayTakeAddress;
    private final ReplicaStore store = new ReplicaStore();
    private final ReplicaFeed feed;
    private Role role;
    private int learnId;
    private Long activeEpoch;
    private CheckpointFile.Contents fallback;
    private String learnedFrom = "nothing yet";

    StandbyPair(ControlCore core, PeerControlNode peer, ReplicaFeed feed, Counters counters, Drops drops,
            Consumer<Boolean> mayTakeAddress) {
        this.core = core;
        this.peer = peer;
        this.feed = feed;
        this.counters = counters;
        this.drops = drops;
        this.mayTakeAddress = mayTakeAddress;
    }

    /** Starts as a standby that learns from its peer, with {@code own} (its checkpoint) if the peer cannot teach. */
    void start(CheckpointFile.Contents own, Instant now) {
        learn(own, "started", now);
    }

    private void learn(CheckpointFile.Contents own, String why, Instant now) {
        moveTo(Role.LEARNING, why);
        store.clear();
        activeEpoch = null;
        fallback = own;
        int id = ++learnId;
        counters.increment("learn-requests");
        core.sendTo(peer.address(), HacnCodec.encode(new LearnRequest(id), now)).whenComplete((ok, failure) -> {
            if (failure != null) {
                core.locked(() -> {
                    if (role == Role.LEARNING && learnId == id) {
                        learnedOwn("alone: the peer control node " + peer.nodeId() + " did not acknowledge");
                    }
                });
            }
        });
    }

    /** A service 2 message from the peer control node. */
    void receive(HacnMessage message, long senderEpoch, Instant now) {
        if (message instanceof LearnRequest request) {
            if (role == Role.ACTIVE) {
                feed.teach(request.transferId(), now);
            } else {
                counters.increment("learn-answers-standby");
                core.sendTo(peer.address(), HacnCodec.encode(new LearnSummary(request.transferId(), false, 0, List.of()),
                        now));
            }
            return;
        }
        if (role == Role.ACTIVE) {
            drops.drop("dropped-peer-while-active", () -> "a " + message.getClass().getSimpleName()
                    + " from the peer control node " + peer.nodeId() + " while this one is active (split brain?"
                    + " keepalived decides)");
            return;
        }
        if (message instanceof LearnSummary summary && !summary.active()) {
            if (role == Role.LEARNING && summary.transferId() == learnId) {
                learnedOwn("the peer control node " + peer.nodeId() + " is standby too");
            }
            return;
        }
        if (role == Role.STANDBY && activeEpoch != null && activeEpoch != senderEpoch) {
            LOG.info("the active control node {} restarted (a new link epoch): learning its state again", peer.nodeId());
            counters.increment("peer-restarts");
            learn(store.contents(now), "the active control node restarted", now);
        }
        if (message instanceof ReplicaHome home) {
            counters.increment(store.home(home) ? "replicas-applied" : "replicas-stale");
        } else if (message instanceof ReplicaAgent agent) {
            counters.increment(store.agent(agent) ? "replicas-applied" : "replicas-stale");
        } else if (message instanceof SnapshotChunk chunk) {
            store.chunk(chunk);
        } else if (message instanceof LearnSummary summary) {
            store.summary(summary);
        } else {
            drops.drop("dropped-unexpected", () -> "unexpected " + message.getClass().getSimpleName()
                    + " from the peer control node " + peer.nodeId());
            return;
        }
        if (store.completeLearn()) {
            activeEpoch = senderEpoch;
            learnedFrom = "the active control node " + peer.nodeId() + " at " + now;
            counters.increment("learned");
            LOG.info("learned the active control node {}'s state: {} HAs, {} bindings", peer.nodeId(), store.agents(),
                    store.bindings());
            moveTo(Role.STANDBY, "learned");
        }
    }

    private void learnedOwn(String why) {
        store.load(fallback);
        learnedFrom = "its own state (" + why + ")";
        counters.increment("learned-own");
        LOG.info("standby control node keeps its own state: {}; {} HAs, {} bindings", why, store.agents(),
                store.bindings());
        moveTo(Role.STANDBY, why);
    }

    /**
     * keepalived made this node master: the state to resume from. A node still learning (no
     * track file configured, or keepalived ignored it) resumes from what it has and its own state.
     */
    CheckpointFile.Contents becomeActive(Instant now) {
        if (role == Role.LEARNING) {
            LOG.warn("keepalived made this control node master while it was still learning from {}: resuming from its"
                    + " own state", peer.nodeId());
            learnedOwn("master before the learn ended");
        }
        CheckpointFile.Contents contents = store.contents(now);
        store.clear();
        feed.restart();
        moveTo(Role.ACTIVE, "keepalived MASTER");
        return contents;
    }

    /** keepalived took the address away: learn from the new master, keep {@code own} if it cannot teach. */
    void becomeStandby(CheckpointFile.Contents own, Instant now) {
        learn(own, "keepalived: no longer master", now);
    }

    private void moveTo(Role to, String why) {
        Role from = role;
        role = to;
        if (from != to) {
            counters.increment("pair-transitions");
            LOG.info("control node pair: {} -> {} ({}; docs/hacn.md, \"Standby control node\")",
                    from == null ? "init" : from.text(), to.text(), why);
            mayTakeAddress.accept(to != Role.LEARNING);
        }
    }

    Role role() {
        return role;
    }

    /**
     * What a standby keeps in its own checkpoint: the state it learned and follows, so that,
     * restarting while its peer is down, it resumes from the active one's last state rather than its
     * own older one; nothing while learning (what it holds then is half a state) or active (the
     * control node's own state is the checkpoint then).
     */
    Optional<CheckpointFile.Contents> checkpointState(Instant now) {
        return role == Role.STANDBY ? Optional.of(store.contents(now)) : Optional.empty();
    }

    ReplicaFeed feed() {
        return feed;
    }

    PeerControlNode peer() {
        return peer;
    }

    /** For hacn:status. */
    String status() {
        String where = " (peer control node " + peer.nodeId() + " at " + peer.address().getHostString() + ":"
                + peer.address().getPort() + ")";
        if (role == Role.ACTIVE) {
            return "active" + where + (feed.behind() ? "; the standby missed replicas: probing it" : "; replicating");
        }
        return String.format("%s%s; learned from %s; holds %d HAs, %d bindings", role.text(), where, learnedFrom,
                store.agents(), store.bindings());
    }
}
