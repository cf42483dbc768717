package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.delegation.Tally;
import net.homeagent.delegation.pha.DelegationPolicy.LoadPicture;
import net.homeagent.delegation.pha.DelegationPolicy.MobileLoad;
import net.homeagent.delegation.pha.DelegationPolicy.Move;
import net.homeagent.delegation.pha.DelegationPolicy.ShaLoad;
import net.homeagent.delegation.wire.DelegationCodec;
import net.homeagent.delegation.wire.DelegationMessage;
import net.homeagent.delegation.wire.DelegationMessage.Batch;
import net.homeagent.delegation.wire.DelegationMessage.EntryPackets;
import net.homeagent.delegation.wire.DelegationMessage.Heartbeat;
import net.homeagent.delegation.wire.DelegationMessage.LoadReport;
import net.homeagent.delegation.wire.DelegationMessage.StartAck;
import net.homeagent.delegation.wire.DelegationMessage.StartForwarding;
import net.homeagent.delegation.wire.DelegationMessage.StopAck;
import net.homeagent.delegation.wire.DelegationMessage.StopForwarding;
import net.homeagent.delegation.wire.MalformedDelegationMessage;
import net.homeagent.delegation.wire.Result;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.ReplyBarrier;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.support.Futures;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;

/**
 * A primary home agent: it keeps all the signalling and the binding table, and hands the
 * interception and tunnelling of chosen mobiles to its SHAs ("load balancing" design of
 * ../shared/ARCHITECTURE.md, issue 13). As a {@link BindingListener} it follows its own table: a new
 * mobile gets an SHA from the active {@link DelegationPolicy} and a Start Forwarding (duration = the
 * binding's remaining lifetime, tunnel source = the home agent address the mobile registered with);
 * a renewal or a new care-of address sends the SHA a Start again; a deregistration or an expiry sends
 * Stop Forwarding. Its own data plane stops intercepting a mobile only once the SHA accepted
 * ({@link LocalInterception}); as a {@link ReplyBarrier}, in order {@link ReplyOrder#AFTER_ACK}, the
 * registration reply waits for that answer too.
 *
 * <p>A refusal, a Start unanswered within {@code ackTimeoutMillis}, an SHA silent for
 * {@code heartbeatMisses} heartbeats, or one the link gave up on: the PHA forwards the mobiles again
 * (its data plane installs and announces them), and an SHA that failed has them offered to the
 * policy again (moved to another SHA when one is up). An SHA that restarted (its link's new epoch)
 * or whose heartbeat disagrees with what it was told is told its entries again; one that comes up
 * gets its share of the mobiles kept at the PHA.
 *
 * <p>Every load interval the PHA reads the packet counters of the mobiles it forwards itself (its
 * own data plane's) and those its SHAs report (Load Report), and the active policy may move mobiles:
 * at most {@code maxMovesPerInterval} per interval, and a mobile moved stays where it was put for
 * {@code holdIntervals} intervals.
 *
 * <p>A window per SHA: at most {@code startsInFlight} Starts await their ack; the others wait in
 * the SHA's queue, oldest first, while the PHA keeps forwarding those mobiles (a burst of 100,000
 * registrations put on the link at once overran the SHA's socket, fell out of the link's replay
 * window and had the SHA declared failed: docs/PERFORMANCE.md, "Delegation"). A queued Start whose
 * binding changes is replaced, one whose binding ends is dropped: a Start never leaves stale, and one
 * never sent needs no Stop.
 *
 * <p>Threads: the binding listener runs on the registering threads and only records the change
 * ({@link ChangeInbox}); the deciding, encoding and sending happen on {@code work}, the PHA's own
 * thread, which also takes the SHAs' messages from the link and runs the tick. The shell's moves and
 * the reply barrier come from their own threads. Each holds this object's lock, and does nothing but
 * memory work and non-blocking sends under it.
 */
public final class PrimaryAgent implements BindingListener, ReplyBarrier {

    private static final Logger LOG = LoggerFactory.getLogger(PrimaryAgent.class);
    /** Where a mobile the PHA forwards itself is measured (SHAs are measured at their node ids). */
    private static final int AT_PHA = -1;
    /**
     * Changes applied per hold of the lock: a reply barrier or the shell waiting for it waits for
     * a slice, not for a whole burst.
     */
    private static final int DRAIN_SLICE = 256;
    /** The longest wait, in ack timeouts, before the mobiles kept after a Start timeout are offered again. */
    private static final int ADOPT_BACKOFF_LIMIT = 32;

    private final PhaSettings settings;
    private final Clock clock;
    private final Executor work;
    private final ChangeInbox inbox;
    private final Policies policies;
    private final LocalInterception interception;
    private final BindingStore store;
    private final Consumer<ApplianceEvent> events;
    private final PeerChannel channel;
    private final Function<BindingKey, Optional<TunnelCounters>> localCounters;
    /** Packets per load interval of each mobile, read where it is forwarded. */
    private final PacketMeter<Inet4Address> mobileRates;
    /** Packets per load interval of each SHA, from its reports' totals. */
    private final PacketMeter<Integer> shaRates;
    /** Mobiles moved recently, and until when no policy moves them again. */
    private final Map<Inet4Address, Instant> heldUntil = new HashMap<>();
    /** The source of an SHA's appliance events, with its node id: mip-api's DelegationView.SHA_SOURCE_PREFIX. */
    private static final String SHA_SOURCE = net.homeagent.mip.api.management.DelegationView.SHA_SOURCE_PREFIX;
    private final Tally<PhaCount> counts = new Tally<>(PhaCount.class);
    private final RateLimitedLog drops;
    private final Map<Integer, SecondaryPeer> peers = new LinkedHashMap<>();
    private final Map<Inet4Address, Delegation> delegations = new HashMap<>();
    private final Map<Long, Delegation> byTransaction = new HashMap<>();
    /**
     * Order after-ack: the replies of registrations whose change is still in the inbox, completed
     * once the change was applied and its Start (if any) answered.
     */
    private final Map<Inet4Address, CompletableFuture<Void>> replyWaits = new HashMap<>();
    /** Moved to the PHA by an operator: no policy delegates them again. */
    private final Set<Inet4Address> pinnedAtPha = ConcurrentHashMap.newKeySet();
    private long nextTransaction;
    private long heartbeats;
    private Instant nextHeartbeat = Instant.MIN;
    private Instant lastTick;
    private Instant nextLoad;
    /** When this PHA started: an SHA holding restored delegations must be heard within the silence after it. */
    private final Instant started;
    /** Changes of which SHA forwards which mobile (accepted or over), for the checkpoint's writer. */
    private long placementChanges;
    /** An SHA came up: the next tick offers the mobiles kept at the PHA to the policy. */
    private boolean adoptDue;
    /**
     * After a Start timed out (the PHA kept its mobile), when the mobiles kept at the PHA are offered
     * to the policy again; null when none is due. A lost Start or ack (a lossy home link) must not
     * keep a mobile at the PHA until its next registration, which may be an hour away.
     */
    private Instant adoptAfterTimeoutAt;
    /** The wait before that offer: the ack timeout, doubled after each offer without an accepted Start since. */
    private Duration adoptAfterTimeoutWait;
    /** Read without the lock by the binding listener. */
    private volatile boolean closed;

    /**
     * @param work          the PHA's own thread: applies the binding changes, sends the Starts and
     *                      takes the SHAs' messages, one task at a time
     * @param localCounters the counters of a tunnel of this node's own data plane (empty when it has
     *                      none, or no data plane): the packets of the mobiles the PHA forwards itself
     */
    public PrimaryAgent(PhaSettings settings, PeerLink link, BindingStore store, Clock clock, Executor work,
            Policies policies, LocalInterception interception,
            Function<BindingKey, Optional<TunnelCounters>> localCounters, Consumer<ApplianceEvent> events) {
        this.settings = settings;
        this.work = work;
        this.inbox = new ChangeInbox(counts);
        this.localCounters = localCounters;
        this.mobileRates = new PacketMeter<>(settings.load().interval());
        this.shaRates = new PacketMeter<>(settings.load().interval());
        this.started = clock.instant();
        this.clock = clock;
        this.policies = policies;
        this.interception = interception;
        this.store = store;
        this.events = events;
        this.drops = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::info);
        settings.shas().forEach(node -> peers.put(node.nodeId(), new SecondaryPeer(node)));
        this.channel = link.open(DelegationCodec.SERVICE, message -> handOver(() -> receive(message)));
    }

    // ---- the binding table ----

    /** On the registering thread: records the change for the PHA's thread, nothing more (no lock, no I/O). */
    @Override
    public void bindingChanged(BindingEvent event) {
        if (closed || event.origin() == ChangeOrigin.REPLICATED) {
            return; // stopping; or a redundancy group peer's change: the member that made it delegates it
        }
        if (event.type() == BindingEvent.Type.REMOVED
                && event.reason().orElse(RemovalReason.CLEARED) == RemovalReason.REPLACED) {
            return; // a binding replaced by one at another care-of address: the ADDED that follows moves it
        }
        if (inbox.record(event, clock.instant())) {
            handOver(this::drain);
        }
    }

    /** Runs {@code task} on the PHA's thread; a stopping role's thread takes nothing more. */
    private void handOver(Runnable task) {
        try {
            work.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("delegation thread stopped: {} not run", task);
        }
    }

    /** On the PHA's thread: the recorded changes, a slice at a time under the lock. */
    private void drain() {
        do {
            while (drainSlice()) {
                // the next slice, after anyone waiting for the lock
            }
        } while (inbox.drained());
    }

    /** @return whether changes may be left */
    private synchronized boolean drainSlice() {
        try {
            for (int i = 0; i < DRAIN_SLICE; i++) {
                ChangeInbox.Change change = inbox.take();
                if (change == null) {
                    return false;
                }
                apply(change);
            }
            return true;
        } finally {
            sendAllQueued();
        }
    }

    private void apply(ChangeInbox.Change change) {
        Inet4Address home = change.home();
        if (!closed) {
            if (change.removedFirst()) {
                mobileGone(home); // deregistered and registered again before the PHA looked
            }
            if (change.event().type() == BindingEvent.Type.REMOVED) {
                bindingGone(home);
            } else {
                bindingNow(change.event().binding(), settings.order() == ReplyOrder.AFTER_ACK
                        ? change.at().plus(settings.ackTimeout()) : null);
            }
        }
        CompletableFuture<Void> reply = replyWaits.remove(home);
        if (reply != null) {
            Delegation delegation = delegations.get(home);
            if (delegation != null && delegation.pending()) {
                delegation.acked().whenComplete((done, failure) -> reply.complete(null));
            } else {
                reply.complete(null);
            }
        }
    }

    /**
     * The table holds {@code binding} now (new, renewed, moved, restored): its SHA hears of it.
     *
     * @param replyBy order after-ack: when the registration's reply stops waiting (else null)
     */
    private void bindingNow(Binding binding, Instant replyBy) {
        Inet4Address home = binding.homeAddress();
        Delegation delegation = delegations.get(home);
        if (store.find(home).size() > 1) {
            // simultaneous bindings (S flag): one SHA entry holds one care-of address; the PHA forwards them
            counts.increment(PhaCount.KEPT_SIMULTANEOUS);
            if (delegation != null) {
                stopAndTakeBack(delegation);
            }
            return;
        }
        if (delegation != null) {
            sendStart(delegation, binding, replyBy);
            return;
        }
        if (!pinnedAtPha.contains(home)) {
            chooseSha(home).ifPresent(sha -> delegate(sha, binding, replyBy));
        }
    }

    private void bindingGone(Inet4Address home) {
        mobileGone(home);
        Delegation delegation = delegations.get(home);
        if (delegation != null) {
            stopAndTakeBack(delegation);
        }
    }

    /** What the PHA kept of a mobile that deregistered or expired: an operator's pin, a hold, its rate. */
    private void mobileGone(Inet4Address home) {
        pinnedAtPha.remove(home);
        heldUntil.remove(home);
        mobileRates.forget(home);
    }

    private Optional<SecondaryPeer> chooseSha(Inet4Address home) {
        List<ShaLoad> available = new ArrayList<>();
        for (SecondaryPeer peer : peers.values()) {
            if (peer.state == ShaState.UP) {
                available.add(new ShaLoad(peer.id(), peer.assigned, peer.capacity, shaRates.rate(peer.id()).orElse(0)));
            }
        }
        OptionalInt chosen = available.isEmpty() ? OptionalInt.empty() : policies.active().choose(home, available);
        return chosen.isPresent() ? Optional.ofNullable(peers.get(chosen.getAsInt())) : Optional.empty();
    }

    private void delegate(SecondaryPeer sha, Binding binding, Instant replyBy) {
        Delegation delegation = new Delegation(binding.homeAddress(), sha);
        delegations.put(binding.homeAddress(), delegation);
        sha.assigned++;
        sendStart(delegation, binding, replyBy);
    }

    /**
     * A Start Forwarding is due for {@code binding}: it joins its SHA's queue, or replaces the one
     * queued there (coalesced), and leaves when the SHA's window has room, at the end of this turn
     * under the lock ({@link #sendAllQueued}) with the others due.
     *
     * @param replyBy order after-ack: when the registration's reply stops waiting for it (else null)
     */
    private void sendStart(Delegation delegation, Binding binding, Instant replyBy) {
        delegation.binding = binding;
        if (replyBy != null && (delegation.replyBy == null || replyBy.isBefore(delegation.replyBy))) {
            delegation.replyBy = replyBy;
        }
        SecondaryPeer sha = delegation.sha;
        if (delegation.queued) {
            counts.increment(PhaCount.STARTS_COALESCED);
        } else {
            delegation.queued = true;
            sha.queue.add(delegation);
            if (sha.awaiting >= settings.startsInFlight()) {
                counts.increment(PhaCount.STARTS_QUEUED);
            }
        }
    }

    /**
     * At the end of each turn under the lock (a slice of changes, a message, a tick, a move): the
     * Starts queued meanwhile leave together, so that those due at once share Batches.
     */
    private void sendAllQueued() {
        peers.values().forEach(this::sendQueued);
    }

    /**
     * Sends the SHA's queued Starts, oldest first, while fewer than {@code startsInFlight} await their
     * ack; {@code startsPerMessage} of them share one peer-link message (a Batch).
     */
    private void sendQueued(SecondaryPeer sha) {
        List<StartForwarding> starts = new ArrayList<>();
        while (!closed && sha.state == ShaState.UP && sha.awaiting < settings.startsInFlight()
                && !sha.queue.isEmpty()) {
            Iterator<Delegation> oldest = sha.queue.iterator();
            Delegation next = oldest.next();
            oldest.remove();
            next.queued = false;
            transmit(next).ifPresent(starts::add);
            if (starts.size() == settings.startsPerMessage()) {
                sendStarts(sha, starts);
                starts = new ArrayList<>();
            }
        }
        if (!starts.isEmpty()) {
            sendStarts(sha, starts);
        }
    }

    private void sendStarts(SecondaryPeer sha, List<StartForwarding> starts) {
        counts.add(PhaCount.STARTS_SENT, starts.size());
        if (starts.size() == 1) {
            send(sha, starts.get(0));
        } else {
            counts.increment(PhaCount.BATCHES_SENT);
            send(sha, Batch.of(nextTransaction(), starts));
        }
    }

    /**
     * The Start Forwarding for the delegation's binding, now in flight; an earlier Start of the same
     * mobile still unanswered is superseded.
     *
     * @return the Start to send; empty when the binding expires now
     */
    private Optional<StartForwarding> transmit(Delegation delegation) {
        Binding binding = delegation.binding;
        Instant now = clock.instant();
        long left = binding.grantedLifetime() == Binding.INFINITE_LIFETIME ? StartForwarding.NEVER
                : Math.min(binding.remainingSeconds(now), StartForwarding.NEVER - 1);
        if (left == 0) {
            if (!delegation.waitingForAck()) {
                delegation.settled();
            }
            return Optional.empty(); // expires now: its removal follows
        }
        if (delegation.waitingForAck()) {
            byTransaction.remove(delegation.transaction);
        }
        long transaction = nextTransaction();
        delegation.sent(transaction, now.plus(settings.ackTimeout()));
        byTransaction.put(transaction, delegation);
        return Optional.of(new StartForwarding(transaction, binding.homeAddress(), binding.careOfAddress(),
                binding.homeAgent(), binding.encapsulation(), binding.innerEncapsulation(), binding.reverseTunnel(),
                binding.encapsulation() == Encapsulation.UDP
                        ? Optional.of(new java.net.InetSocketAddress(binding.sourceAddress(), binding.sourcePort()))
                        : Optional.empty(),
                left));
    }

    /** The PHA forwards the mobile again and tells its SHA to stop (unless its SHA never heard of it). */
    private void stopAndTakeBack(Delegation delegation) {
        forget(delegation);
        SecondaryPeer sha = delegation.sha;
        if (delegation.told && sha.state != ShaState.FAILED) {
            sha.stopsInFlight++;
            counts.increment(PhaCount.STOPS_SENT);
            send(sha, new StopForwarding(nextTransaction(), delegation.home));
        }
    }

    /**
     * The delegation is over: the PHA's data plane has the mobile again, whatever waited goes on, a
     * Start still queued is dropped; the room it leaves in the window goes to the next queued Start at
     * the end of this turn.
     */
    private void forget(Delegation delegation) {
        if (delegations.remove(delegation.home, delegation)) {
            delegation.sha.assigned--;
        }
        if (delegation.queued) {
            delegation.sha.queue.remove(delegation);
            delegation.queued = false;
            counts.increment(PhaCount.STARTS_COALESCED);
        }
        if (delegation.waitingForAck()) {
            byTransaction.remove(delegation.transaction);
        }
        delegation.answered();
        if (delegation.active) {
            counts.increment(PhaCount.TAKEN_BACK);
            placementChanges++;
        }
        interception.takeBack(delegation.home);
    }

    // ---- the reply barrier: order (a) ----

    /**
     * Order after-ack: the reply waits until the change just made was applied on the PHA's thread and
     * its Start answered, refused or abandoned (at most {@code ackTimeoutMillis} after the change).
     */
    @Override
    public CompletionStage<Void> beforeReply(Inet4Address homeAddress) {
        if (settings.order() != ReplyOrder.AFTER_ACK) {
            return Futures.NOTHING_TO_WAIT_FOR;
        }
        synchronized (this) {
            if (inbox.waiting(homeAddress)) {
                return replyWaits.computeIfAbsent(homeAddress, home -> new CompletableFuture<>()).copy();
            }
            Delegation delegation = delegations.get(homeAddress);
            if (delegation == null || !delegation.pending()) {
                return Futures.NOTHING_TO_WAIT_FOR;
            }
            return delegation.acked().copy();
        }
    }

    // ---- messages from the SHAs ----

    private void receive(PeerMessage message) {
        DelegationMessage decoded;
        try {
            decoded = DelegationCodec.decode(message.payload());
        } catch (MalformedDelegationMessage e) {
            drop("malformed", () -> "malformed service 3 payload from node " + message.sender().nodeId() + ": "
                    + e.getMessage());
            return;
        }
        synchronized (this) {
            SecondaryPeer sha = peers.get(message.sender().nodeId());
            if (sha == null) {
                drop("not-an-sha", () -> "service 3 message from node " + message.sender().nodeId()
                        + ", which is not a configured SHA");
                return;
            }
            heard(sha, message.senderEpoch());
            if (decoded instanceof Batch batch) {
                counts.increment(PhaCount.BATCHES_RECEIVED);
                for (byte[] element : batch.elements()) {
                    try {
                        answered(sha, DelegationCodec.decode(element));
                    } catch (MalformedDelegationMessage e) {
                        drop("malformed", () -> "malformed element of a batch from SHA " + sha.id() + ": "
                                + e.getMessage());
                    }
                }
            } else {
                answered(sha, decoded);
            }
            sendAllQueued();
        }
    }

    /** One message of an SHA, alone or an element of its batch. */
    private void answered(SecondaryPeer sha, DelegationMessage decoded) {
        if (decoded instanceof StartAck ack) {
            startAnswered(sha, ack);
        } else if (decoded instanceof StopAck ack) {
            stopAnswered(sha, ack);
        } else if (decoded instanceof Heartbeat heartbeat) {
            counts.increment(PhaCount.HEARTBEATS_RECEIVED);
            sha.capacity = heartbeat.capacity();
            sha.reportedEntries = heartbeat.entries();
            compareEntries(sha);
        } else if (decoded instanceof LoadReport report) {
            loadReported(sha, report);
        } else {
            drop("request", () -> "a request sent to the PHA by SHA " + sha.id());
        }
    }

    private void drop(String reason, java.util.function.Supplier<String> why) {
        counts.increment(PhaCount.DROPPED);
        drops.log(reason, why);
    }

    /** Any message: the SHA is alive; a new link epoch is a restart, which lost its entries. */
    private void heard(SecondaryPeer sha, long epoch) {
        sha.lastHeard = Optional.of(clock.instant());
        boolean restarted = sha.epoch != 0 && epoch > sha.epoch;
        sha.epoch = Math.max(sha.epoch, epoch);
        if (restarted) {
            sha.lastReport = 0; // its reports count from 1 again
        }
        if (sha.state != ShaState.UP) {
            boolean first = sha.state == ShaState.UNKNOWN;
            transition(sha, ShaState.UP, first ? "first heard" : "heard again");
            stopWhatWentElsewhere(sha);
            if (first && sha.assigned > 0) {
                LOG.info("SHA {} heard: telling it the {} mobiles restored from the checkpoint", sha.id(),
                        sha.assigned);
                resync(sha); // restored from the checkpoint: it may forward them still, or have lost them
            }
            adoptDue = true;
        } else if (restarted) {
            LOG.info("SHA {} restarted: telling it its entries again", sha.id());
            resync(sha);
        }
    }

    /** An SHA heard again after it failed: it may still forward the mobiles taken from it. */
    private void stopWhatWentElsewhere(SecondaryPeer sha) {
        for (Inet4Address home : sha.takenAway) {
            Delegation now = delegations.get(home);
            if (now == null || now.sha != sha) {
                sha.stopsInFlight++;
                counts.increment(PhaCount.STOPS_SENT);
                send(sha, new StopForwarding(nextTransaction(), home));
            }
        }
        sha.takenAway.clear();
    }

    private void startAnswered(SecondaryPeer sha, StartAck ack) {
        Delegation delegation = byTransaction.get(ack.transaction());
        if (delegation == null || delegation.sha != sha) {
            Delegation current = delegations.get(ack.home());
            if (ack.result() == Result.ACCEPTED && (current == null || current.sha != sha)) {
                // it forwards a mobile the PHA gave up on meanwhile (timed out, moved, deregistered)
                counts.increment(PhaCount.LATE_ACCEPTANCES_STOPPED);
                sha.stopsInFlight++;
                send(sha, new StopForwarding(nextTransaction(), ack.home()));
            }
            return;
        }
        byTransaction.remove(ack.transaction());
        if (ack.result() == Result.ACCEPTED) {
            counts.increment(PhaCount.STARTS_ACCEPTED);
            adoptAfterTimeoutWait = null; // the SHAs answer again: the next timeout waits the ack timeout only
            if (!delegation.active) {
                placementChanges++;
            }
            delegation.active = true;
            delegation.answered();
            interception.delegate(delegation.home);
            return;
        }
        counts.increment(switch (ack.result()) {
            case CAPACITY -> PhaCount.REFUSED_CAPACITY;
            case NO_ROUTE -> PhaCount.REFUSED_NO_ROUTE;
            case NOT_A_PHA -> PhaCount.REFUSED_NOT_A_PHA;
            default -> PhaCount.REFUSED_BAD_REQUEST;
        });
        LOG.info("SHA {} refused {} ({}): the PHA keeps it", sha.id(), ack.home().getHostAddress(), ack.result().text());
        forget(delegation);
    }

    private void stopAnswered(SecondaryPeer sha, StopAck ack) {
        sha.stopsInFlight = Math.max(0, sha.stopsInFlight - 1);
        counts.increment(ack.result() == Result.UNKNOWN_HOME ? PhaCount.STOPS_UNKNOWN_AT_SHA : PhaCount.STOPS_ACKED);
    }

    /**
     * The packets an SHA's tunnels counted. The rates divide by the SHA's own uptime, so a report the
     * link delivered late (retransmitted) does not look like a burst. A mobile a complete report does
     * not list counted nothing since the previous report: if the PHA has that one too, the mobile's
     * counter is sampled unchanged; after a gap (a report older than the newest is ignored) only the
     * listed ones are sampled.
     */
    private void loadReported(SecondaryPeer sha, LoadReport report) {
        counts.increment(PhaCount.LOAD_REPORTS_RECEIVED);
        if (report.transaction() <= sha.lastReport) {
            counts.increment(PhaCount.LOAD_REPORTS_OUT_OF_ORDER);
            return;
        }
        boolean complete = !report.truncated() && report.transaction() == sha.lastReport + 1;
        sha.lastReport = report.transaction();
        Instant at = Instant.EPOCH.plusMillis(report.uptimeMillis());
        shaRates.sample(sha.id(), sha.id(), report.totalPackets(), at);
        Set<Inet4Address> listed = new HashSet<>();
        for (EntryPackets entry : report.entries()) {
            Delegation d = delegations.get(entry.home());
            if (d != null && d.sha == sha && d.active) {
                mobileRates.sample(entry.home(), sha.id(), entry.packets(), at);
                listed.add(entry.home());
            }
        }
        if (complete) {
            for (Delegation d : delegations.values()) {
                if (d.sha == sha && d.active && !listed.contains(d.home)) {
                    mobileRates.last(d.home, sha.id()).ifPresent(p -> mobileRates.sample(d.home, sha.id(), p, at));
                }
            }
        }
    }

    /** With nothing in flight to it, the SHA must forward exactly the mobiles it accepted; else it is told again. */
    private void compareEntries(SecondaryPeer sha) {
        if (sha.stopsInFlight > 0 || sha.awaiting > 0 || !sha.queue.isEmpty()) {
            return;
        }
        long accepted = sha.assigned;
        if (accepted != sha.reportedEntries) {
            LOG.info("SHA {} forwards {} mobiles, it accepted {}: telling it its entries again", sha.id(),
                    sha.reportedEntries, accepted);
            resync(sha);
        }
    }

    private void resync(SecondaryPeer sha) {
        counts.increment(PhaCount.SHA_RESYNCS);
        for (Delegation d : List.copyOf(delegations.values())) {
            if (d.sha == sha && d.binding != null) {
                sendStart(d, d.binding, null);
            }
        }
    }

    // ---- failures ----

    /**
     * Every tick: Starts past their deadline, silent SHAs, heartbeats due, and, after an SHA came up,
     * the mobiles kept at the PHA offered to the policy (the table is read outside this object's
     * lock: a registering thread holds the store's lock when it calls this listener).
     */
    public void tick() {
        boolean adopt;
        boolean measure;
        synchronized (this) {
            adopt = tickLocked();
            measure = loadDue();
            sendAllQueued();
        }
        if (adopt) {
            List<Binding> all = store.list(binding -> !interception.delegated(binding.homeAddress()));
            synchronized (this) {
                adoptKept(all);
                sendAllQueued();
            }
        }
        if (measure) {
            List<Binding> kept = store.list(binding -> !interception.delegated(binding.homeAddress()));
            Map<Inet4Address, Long> packets = new HashMap<>();
            for (Binding binding : kept) {
                localCounters.apply(binding.key()).ifPresent(c -> packets.merge(binding.homeAddress(),
                        c.packetsTunnelled(), Long::sum));
            }
            synchronized (this) {
                rebalance(kept, packets);
                sendAllQueued();
            }
        }
    }

    private boolean loadDue() {
        Instant now = clock.instant();
        if (closed || (nextLoad != null && now.isBefore(nextLoad))) {
            return false;
        }
        boolean first = nextLoad == null;
        nextLoad = now.plus(settings.load().interval());
        return !first; // the first interval starts now
    }

    // ---- the load policies ----

    /**
     * One load interval: the counters of the mobiles kept at the PHA are sampled, and the active
     * policy sees every movable mobile whose rate is known; its moves are made up to the budget.
     *
     * @param kept    the bindings the PHA forwards itself (read outside the lock)
     * @param packets their tunnels' packet counters, by home address
     */
    private void rebalance(List<Binding> kept, Map<Inet4Address, Long> packets) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        heldUntil.values().removeIf(until -> !until.isAfter(now));
        Map<Inet4Address, Binding> single = new HashMap<>();
        Set<Inet4Address> multiple = new HashSet<>();
        for (Binding binding : kept) {
            if (single.putIfAbsent(binding.homeAddress(), binding) != null) {
                multiple.add(binding.homeAddress());
            }
        }
        multiple.forEach(single::remove);
        List<MobileLoad> movable = new ArrayList<>();
        single.forEach((home, binding) -> {
            if (delegations.containsKey(home)) {
                return; // delegated since the table was read
            }
            Long counted = packets.get(home);
            if (counted != null) {
                mobileRates.sample(home, AT_PHA, counted, now);
            }
            if (!pinnedAtPha.contains(home) && !heldUntil.containsKey(home)) {
                mobileRates.rate(home).ifPresent(r -> movable.add(new MobileLoad(home, OptionalInt.empty(), r)));
            }
        });
        for (Delegation d : delegations.values()) {
            if (d.active && !d.pending() && !heldUntil.containsKey(d.home)) {
                mobileRates.rate(d.home)
                        .ifPresent(r -> movable.add(new MobileLoad(d.home, OptionalInt.of(d.sha.id()), r)));
            }
        }
        List<ShaLoad> up = new ArrayList<>();
        for (SecondaryPeer peer : peers.values()) {
            if (peer.state == ShaState.UP) {
                up.add(new ShaLoad(peer.id(), peer.assigned, peer.capacity, shaRates.rate(peer.id()).orElse(0)));
            }
        }
        int budget = settings.load().maxMovesPerInterval();
        DelegationPolicy policy = policies.active();
        List<Move> wanted = policy.rebalance(new LoadPicture(up, movable));
        Map<Inet4Address, MobileLoad> byHome = new HashMap<>();
        movable.forEach(m -> byHome.put(m.home(), m));
        int made = 0;
        int overBudget = 0;
        for (Move move : wanted) {
            if (made == budget) {
                overBudget = wanted.size() - made;
                counts.add(PhaCount.MOVES_OVER_BUDGET, overBudget);
                break;
            }
            MobileLoad mobile = byHome.remove(move.home());
            if (mobile != null && movedByPolicy(policy, move, mobile, single.get(move.home()), now)) {
                made++;
            }
        }
        if (made > 0) {
            // one event per interval at most, however many moves: the routes and the SNMP limiter see a summary
            events.accept(ApplianceEvent.of(ApplianceEvent.Kind.LOAD_MOVES, now, "delegation-pha", "policy "
                    + policy.name() + " moved " + made + " mobiles" + (overBudget > 0 ? ", " + overBudget
                    + " more over the budget of " + budget : ""), Map.of("policy", policy.name(), "moves",
                    Integer.toString(made), "overBudget", Integer.toString(overBudget))));
        }
    }

    /** One move a policy asked for; false (nothing done) for a target that is not up or has no room. */
    private boolean movedByPolicy(DelegationPolicy policy, Move move, MobileLoad mobile, Binding atPha, Instant now) {
        Delegation current = delegations.get(move.home());
        String rate = mobile.packets() + " packets per interval";
        if (move.toSha().isEmpty()) {
            if (current == null) {
                return false;
            }
            stopAndTakeBack(current);
            LOG.info("policy {}: {} SHA {} -> PHA ({})", policy.name(), move.home().getHostAddress(), current.sha.id(),
                    rate);
        } else {
            SecondaryPeer to = peers.get(move.toSha().getAsInt());
            Binding binding = current != null ? current.binding : atPha;
            if (to == null || to.state != ShaState.UP || (to.capacity > 0 && to.assigned >= to.capacity)
                    || binding == null || (current != null && current.sha == to)) {
                return false;
            }
            if (current != null) {
                stopAndTakeBack(current);
            }
            delegate(to, binding, null);
            LOG.info("policy {}: {} {} -> SHA {} ({})", policy.name(), move.home().getHostAddress(),
                    current == null ? "PHA" : "SHA " + current.sha.id(), to.id(), rate);
        }
        heldUntil.put(move.home(), now.plus(settings.load().hold()));
        counts.increment(PhaCount.POLICY_MOVES);
        return true;
    }

    /** @return whether the mobiles kept at the PHA are to be offered to the policy */
    private boolean tickLocked() {
        if (closed) {
            return false;
        }
        Instant now = clock.instant();
        boolean paused = lastTick != null && Duration.between(lastTick, now).compareTo(settings.heartbeat()) > 0;
        lastTick = now;
        if (paused) {
            // this node was not running for a heartbeat interval (a pause of its JVM, a starved
            // CPU): what it did not hear meanwhile says nothing of the SHAs, so each gets a
            // heartbeat interval from now before its silence counts
            counts.increment(PhaCount.PAUSES);
            peers.values().forEach(p -> p.lastHeard = p.lastHeard.map(at -> later(at, now.minus(settings.silence())
                    .plus(settings.heartbeat()))));
        }
        List<Delegation> due = new ArrayList<>();
        if (settings.order() == ReplyOrder.AFTER_ACK) {
            // a Start still queued when its registration's reply stops waiting: the PHA keeps the
            // mobile; these go first, so that the room the others leave in the window is not given to them
            peers.values().forEach(sha -> sha.queue.stream()
                    .filter(d -> d.replyBy != null && !d.replyBy.isAfter(now)).forEach(due::add));
        }
        for (Delegation d : byTransaction.values()) {
            if (d.deadline != null && !d.deadline.isAfter(now)) {
                due.add(d);
            }
        }
        for (Delegation d : due) {
            counts.increment(PhaCount.START_TIMEOUTS);
            LOG.info("SHA {} did not answer the Start of {} within {} ms{}: the PHA keeps it", d.sha.id(),
                    d.home.getHostAddress(), settings.ackTimeout().toMillis(), d.queued ? " (still queued)" : "");
            forget(d);
        }
        if (!due.isEmpty() && adoptAfterTimeoutAt == null) {
            adoptAfterTimeoutWait = adoptAfterTimeoutWait == null ? settings.ackTimeout()
                    : min(adoptAfterTimeoutWait.multipliedBy(2), settings.ackTimeout().multipliedBy(ADOPT_BACKOFF_LIMIT));
            adoptAfterTimeoutAt = now.plus(adoptAfterTimeoutWait);
        } else if (adoptAfterTimeoutAt != null && !now.isBefore(adoptAfterTimeoutAt)) {
            adoptAfterTimeoutAt = null;
            counts.increment(PhaCount.KEPT_OFFERED_AGAIN);
            adoptDue = true;
        }
        for (SecondaryPeer sha : peers.values()) {
            if (sha.state == ShaState.UP && sha.lastHeard.isPresent()
                    && !sha.lastHeard.get().plus(settings.silence()).isAfter(now)) {
                fail(sha, "silent for " + settings.heartbeatMisses() + " heartbeats");
            } else if (sha.state == ShaState.UNKNOWN && sha.assigned > 0
                    && !started.plus(settings.silence()).isAfter(now)) {
                fail(sha, "not heard within " + settings.silence().toMillis() + " ms of the PHA's start");
            }
        }
        if (!now.isBefore(nextHeartbeat)) {
            nextHeartbeat = now.plus(settings.heartbeat());
            heartbeats = (heartbeats + 1) & 0xFFFF_FFFFL;
            for (SecondaryPeer sha : peers.values()) {
                counts.increment(PhaCount.HEARTBEATS_SENT);
                send(sha, new Heartbeat(heartbeats, sha.assigned, 0));
            }
        }
        boolean adopt = adoptDue && !(policies.active() instanceof ManualOnly);
        adoptDue = false;
        return adopt;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The link gave up on a message to {@code sha}. */
    private synchronized void unreachable(SecondaryPeer sha) {
        if (!closed && sha.state == ShaState.UP) {
            fail(sha, "the peer link gave up");
            sendAllQueued();
        }
    }

    /** The SHA's mobiles are forwarded by the PHA again, and offered to the policy (another SHA, if one is up). */
    private void fail(SecondaryPeer sha, String why) {
        sha.failures++;
        sha.stopsInFlight = 0;
        counts.increment(PhaCount.SHA_FAILURES);
        LOG.warn("SHA {} failed ({}): taking its mobiles back", sha.id(), why);
        transition(sha, ShaState.FAILED, why);
        List<Delegation> its = delegations.values().stream().filter(d -> d.sha == sha).toList();
        its.stream().filter(d -> d.told).forEach(d -> sha.takenAway.add(d.home));
        its.forEach(this::forget);
        int moved = 0;
        for (Delegation d : its) {
            Optional<SecondaryPeer> other = d.binding == null ? Optional.empty() : chooseSha(d.home);
            if (other.isPresent()) {
                counts.increment(PhaCount.MOVED);
                delegate(other.get(), d.binding, null);
                moved++;
            }
        }
        // the SHA lost and where its mobiles went, for the routes (SNMP hamDelegationShaLost, audit, endpoints)
        events.accept(ApplianceEvent.failure(clock.instant(), SHA_SOURCE + sha.id(), "SHA "
                + sha.id() + " failed: " + why + "; of its " + its.size() + " mobiles " + moved
                + " moved to other SHAs, " + (its.size() - moved) + " forwarded by the PHA")
                .withDetail("reason", why).withDetail("node", Integer.toString(sha.id()))
                .withDetail("mobiles", Integer.toString(its.size())).withDetail("moved", Integer.toString(moved))
                .withDetail("takenBack", Integer.toString(its.size() - moved)));
    }

    /** An SHA came up: the mobiles the PHA forwards itself are offered to the policy. */
    private void adoptKept(List<Binding> table) {
        for (Binding binding : table) {
            Inet4Address home = binding.homeAddress();
            if (!delegations.containsKey(home) && !pinnedAtPha.contains(home)) {
                bindingNow(binding, null);
            }
        }
    }

    private void transition(SecondaryPeer sha, ShaState to, String why) {
        ShaState from = sha.state;
        sha.state = to;
        counts.increment(PhaCount.SHA_TRANSITIONS);
        LOG.info("SHA {}: {} -> {} ({})", sha.id(), from.text(), to.text(), why);
        events.accept(ApplianceEvent.roleChanged(clock.instant(), SHA_SOURCE + sha.id(), from.text(), to.text(),
                why).withDetail("node", Integer.toString(sha.id())));
    }

    private CompletionStage<Void> send(SecondaryPeer sha, DelegationMessage message) {
        CompletionStage<Void> sent = channel.send(sha.node.address(), DelegationCodec.encode(message));
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                unreachable(sha);
            }
        });
        return sent;
    }

    private long nextTransaction() {
        nextTransaction = (nextTransaction + 1) & 0xFFFF_FFFFL;
        return nextTransaction;
    }

    // ---- the checkpoint ----

    /**
     * Before the PHA is plugged in: the delegations its checkpoint names are taken as accepted (the
     * data plane leaves those home addresses to their SHA), and each SHA is told them again when first
     * heard (at once if it was heard already); an SHA not heard within the silence after the start has
     * them taken back. A home address
     * without exactly one binding, or naming an SHA no longer configured, is left to the PHA.
     *
     * @return how many were restored
     */
    public int restore(Map<Inet4Address, Integer> placed) {
        Map<Inet4Address, List<Binding>> bindings = new HashMap<>();
        placed.keySet().forEach(home -> bindings.put(home, store.find(home)));
        synchronized (this) {
            int restored = 0;
            for (Map.Entry<Inet4Address, Integer> entry : placed.entrySet()) {
                SecondaryPeer sha = peers.get(entry.getValue());
                List<Binding> its = bindings.get(entry.getKey());
                if (sha == null || its.size() != 1 || delegations.containsKey(entry.getKey())) {
                    counts.increment(PhaCount.CHECKPOINT_SKIPPED);
                    continue;
                }
                Delegation delegation = new Delegation(entry.getKey(), sha);
                delegation.binding = its.get(0);
                delegation.active = true;
                delegation.told = true;
                delegations.put(entry.getKey(), delegation);
                sha.assigned++;
                interception.delegate(entry.getKey());
                counts.increment(PhaCount.CHECKPOINT_RESTORED);
                restored++;
            }
            placementChanges++;
            LOG.info("{} delegations restored from the checkpoint, {} left to the PHA", restored,
                    placed.size() - restored);
            // an SHA heard between the channel's opening and now was not told them when it came up
            peers.values().stream().filter(p -> p.state == ShaState.UP && p.assigned > 0).forEach(this::resync);
            sendAllQueued();
            return restored;
        }
    }

    /** How many times the accepted delegations changed: the checkpoint is written when this moves. */
    public synchronized long placementChanges() {
        return placementChanges;
    }

    /** Each accepted delegation's home address and SHA, for the checkpoint. */
    public synchronized Map<Inet4Address, Integer> placements() {
        Map<Inet4Address, Integer> placed = new HashMap<>();
        delegations.values().forEach(d -> {
            if (d.active) {
                placed.put(d.home, d.sha.id());
            }
        });
        return placed;
    }

    // ---- the operator ----

    /**
     * Moves a mobile: to {@code "pha"} (the PHA forwards it and no policy delegates it again until it
     * deregisters) or to an SHA by node id.
     *
     * @return what was done, for the shell
     * @throws IllegalArgumentException for an unknown home address or target, or an SHA that is not up
     */
    public String move(Inet4Address home, String target) {
        List<Binding> bindings = store.find(home);
        synchronized (this) {
            try {
                return move(home, target, bindings);
            } finally {
                sendAllQueued();
            }
        }
    }

    private String move(Inet4Address home, String target, List<Binding> bindings) {
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("no binding for " + home.getHostAddress());
        }
        Delegation current = delegations.get(home);
        if (target.equalsIgnoreCase("pha")) {
            pinnedAtPha.add(home);
            if (current == null) {
                return home.getHostAddress() + " is forwarded by the PHA already";
            }
            stopAndTakeBack(current);
            return home.getHostAddress() + ": SHA " + current.sha.id() + " -> PHA";
        }
        SecondaryPeer to = peers.get(parseNode(target));
        if (to == null) {
            throw new IllegalArgumentException("not a configured SHA: " + target + " (known: " + peers.keySet() + ")");
        }
        if (to.state != ShaState.UP) {
            throw new IllegalArgumentException("SHA " + to.id() + " is " + to.state.text() + ", not up");
        }
        if (bindings.size() > 1) {
            throw new IllegalArgumentException(home.getHostAddress() + " has simultaneous bindings: the PHA keeps it");
        }
        if (current != null && current.sha == to) {
            return home.getHostAddress() + " is forwarded by SHA " + to.id() + " already";
        }
        pinnedAtPha.remove(home);
        String from = current == null ? "PHA" : "SHA " + current.sha.id();
        if (current != null) {
            stopAndTakeBack(current);
        }
        counts.increment(PhaCount.MOVED);
        delegate(to, bindings.get(0), null);
        heldUntil.put(home, clock.instant().plus(settings.load().hold()));
        return home.getHostAddress() + ": " + from + " -> SHA " + to.id() + " (forwarded there once it accepts)";
    }

    private static int parseNode(String target) {
        try {
            return Integer.parseInt(target.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target: 'pha' or an SHA's node id, not '" + target + "'");
        }
    }

    public Policies policies() {
        return policies;
    }

    public PhaSettings settings() {
        return settings;
    }

    public Tally<PhaCount> counts() {
        return counts;
    }

    /** The SHAs as the shell shows them. */
    public synchronized List<ShaView> shas() {
        Map<Integer, Integer> mobiles = new HashMap<>();
        Map<Integer, Integer> pending = new HashMap<>();
        delegations.values().forEach(d -> (d.active ? mobiles : pending).merge(d.sha.id(), 1, Integer::sum));
        Instant now = clock.instant();
        return peers.values().stream().map(p -> new ShaView(p.node, p.state, mobiles.getOrDefault(p.id(), 0),
                pending.getOrDefault(p.id(), 0), p.awaiting, p.queue.size(), p.reportedEntries, p.capacity,
                p.lastHeard.map(at -> Duration.between(at, now)), p.failures, shaRates.rate(p.id()))).toList();
    }

    /**
     * @param mobiles  delegations the SHA accepted
     * @param starting mobiles on their way to it (not accepted yet)
     * @param inFlight Starts awaiting its ack (the window holds {@code startsInFlight})
     * @param queued   Starts waiting at the PHA for room in the window
     * @param reported what its last heartbeat said it forwards
     * @param packets  packets per load interval its last two Load Reports gave
     */
    public record ShaView(PeerNode node, ShaState state, int mobiles, int starting, int inFlight, int queued,
            long reported, long capacity, Optional<Duration> sinceHeard, int failures, OptionalLong packets) {
    }

    /** Binding changes recorded by the listener and not yet applied on the PHA's thread. */
    public int changesWaiting() {
        return inbox.size();
    }

    /** Each delegated mobile: home address, care-of, SHA, accepted or on its way; by home address. */
    public synchronized List<DelegationView> delegations() {
        return delegations.values().stream()
                .map(d -> new DelegationView(d.home, d.binding == null ? null : d.binding.careOfAddress(), d.sha.id(),
                        d.active, d.pending(), mobileRates.rate(d.home)))
                .sorted(Comparator.comparingLong(v -> net.homeagent.mip.codec.wire.Ipv4.toUnsigned(v.home()))).toList();
    }

    /** @param packets packets per load interval at the SHA, when two reports gave it */
    public record DelegationView(Inet4Address home, Inet4Address careOf, int sha, boolean accepted, boolean waiting,
            OptionalLong packets) {
    }

    /**
     * The role stops: every mobile goes back to the PHA's own data plane and each SHA is told to
     * stop; nothing is delegated from now on.
     *
     * @return completes when the link acknowledged every Stop (or gave up on one)
     */
    public synchronized CompletableFuture<Void> takeAllBack() {
        closed = true;
        replyWaits.values().forEach(reply -> reply.complete(null));
        replyWaits.clear();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Delegation d : List.copyOf(delegations.values())) {
            forget(d);
            if (d.told && d.sha.state != ShaState.FAILED) {
                counts.increment(PhaCount.STOPS_SENT);
                stops.add(send(d.sha, new StopForwarding(nextTransaction(), d.home)).toCompletableFuture()
                        .exceptionally(failure -> null));
            }
        }
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    /** Closes the channel: what it still had to send is failed. */
    public void close() {
        channel.close();
    }
}
