package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import net.homeagent.hacn.Counters;
import net.homeagent.hacn.Drops;
import net.homeagent.hacn.wire.HacnCodec;
import net.homeagent.hacn.wire.HacnMessage;
import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.hacn.wire.HacnMessage.ChangeReport;
import net.homeagent.hacn.wire.HacnMessage.FailingInterrupt;
import net.homeagent.hacn.wire.HacnMessage.ForwardedReply;
import net.homeagent.hacn.wire.HacnMessage.ForwardedRequest;
import net.homeagent.hacn.wire.HacnMessage.Heartbeat;
import net.homeagent.hacn.wire.HacnMessage.PollAnswer;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.hacn.wire.HacnMessage.SnapshotRequest;
import net.homeagent.hacn.wire.MalformedHacnMessage;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.UdpTunnelReceiver;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.ControlNodeView;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.TunnelData;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerMessage;

/**
 * The control node (docs/hacn.md): takes each Registration Request that reached the public
 * address, hands it to the HA that holds the home address's binding (else the one the policy
 * chooses) over the peer link, and sends the HA's reply to the request's origin from the public
 * address; keeps each HA's MBR snapshot from its change reports; detects failed HAs and has a
 * redundant HA take over their home addresses. One lock guards it all: the public socket's
 * thread, the link's thread and the tick take it in turn, each for a short, non-blocking step.
 */
public final class ControlCore {

    private static final Logger LOG = LoggerFactory.getLogger(ControlCore.class);

    /** Where the replies go: the public address's socket. */
    @FunctionalInterface
    public interface ReplySink {
        void send(byte[] reply, InetSocketAddress to);
    }

    private record Pending(InetSocketAddress origin, int agent, Instant deadline, RequestKey key) {
    }

    /** A request in flight: its home address and identification, so that a retransmission is not forwarded twice. */
    private record RequestKey(Inet4Address home, long identification) {
    }

    private final ControlSettings settings;
    private final Clock clock;
    private final Consumer<ApplianceEvent> events;
    private final Counters counters = new Counters();
    private final MipCodec codec = MipCodec.standard();
    private final Map<Integer, TrackedAgent> agents = new LinkedHashMap<>();
    private final Map<Inet4Address, Integer> owners = new HashMap<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Set<RequestKey> inFlight = new HashSet<>();
    private final FailureDetector detector;
    private final Takeover takeover;
    private final Rejoin rejoin;
    private final Switchover switchover;
    private final Drops drops;
    private final PeerChannel channel;
    private volatile UdpTunnelReceiver tunnelDataReceiver;
    private volatile ReplySink replies = (reply, to) -> counters.increment("replies-without-socket");
    private volatile Runnable stateChanged = () -> { };
    private volatile Consumer<Boolean> roleChanged = active -> { };
    private final Optional<StandbyPair> pair;
    /** This box's data plane, told the MBRs' reverse tunnels; none until {@link #feedReverseTunnels}. */
    private Optional<ReverseTunnelFeed> reverseTunnels = Optional.empty();
    private final int nodeId;
    /** Whether this control node serves: always without a peer control node, else when keepalived made it master. */
    private boolean active;
    private final IdSequence requestIds = new IdSequence();
    private final IdSequence transferIds = new IdSequence();
    private long changes;

    public ControlCore(ControlSettings settings, PeerLink link, Clock clock, Consumer<ApplianceEvent> events) {
        this(settings, link, clock, events, Optional.empty());
    }

    /** @param restored the checkpoint read at start, applied before anything is heard */
    ControlCore(ControlSettings settings, PeerLink link, Clock clock, Consumer<ApplianceEvent> events,
            Optional<CheckpointFile.Contents> restored) {
        this(settings, link, clock, events, restored, Optional.empty(), may -> { });
    }

    /**
     * @param peer           the other control node of a pair: this one starts as a standby that learns
     *                       from it and serves once keepalived makes it master (docs/hacn.md, "Standby
     *                       control node"); empty: serves at once
     * @param mayTakeAddress told whether keepalived may give this node the public address (the track file)
     */
    ControlCore(ControlSettings settings, PeerLink link, Clock clock, Consumer<ApplianceEvent> events,
            Optional<CheckpointFile.Contents> restored, Optional<PeerControlNode> peer,
            Consumer<Boolean> mayTakeAddress) {
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.nodeId = link.nodeId();
        this.drops = new Drops(counters, clock, LOG);
        for (AgentSpec spec : settings.agents()) {
            agents.put(spec.nodeId(), new TrackedAgent(spec, (home, holds) -> holds(spec.nodeId(), home, holds),
                    this::moved));
        }
        this.detector = new FailureDetector(settings, this);
        this.takeover = new Takeover(settings, this);
        this.rejoin = new Rejoin(this, takeover);
        this.switchover = new Switchover(this, detector, takeover);
        restored.ifPresent(this::restore);
        this.pair = peer.map(p -> new StandbyPair(this, p, new ReplicaFeed(this, p, settings.chunkBytes(),
                settings.gapTimeout(), counters), counters, drops, mayTakeAddress));
        this.active = pair.isEmpty();
        // The link delivers on its own thread from the moment the service is open, an HA's message
        // possibly before open() returned: receive() waits for this lock, so it never finds the
        // channel unset (seen in run-hacn.sh: an HA's first heartbeat, arriving then, failed on the
        // null channel with its snapshot request marked as sent, and that HA's MBR never completed)
        synchronized (this) {
            this.channel = link.open(HacnCodec.SERVICE, this::receive);
            pair.ifPresent(p -> p.start(capture(), clock.instant()));
        }
    }

    /** The public socket, once it is bound. */
    public void replyThrough(ReplySink sink) {
        this.replies = sink;
    }

    // ---- registrations at the public address

    /**
     * A datagram that reached the public address from {@code origin}: RFC 3519 Tunnel Data goes to
     * this box's data plane (off the lock: the receiver never blocks), anything else is a request.
     */
    public void request(byte[] datagram, InetSocketAddress origin, InetSocketAddress arrivedOn) {
        if (datagram.length > 0 && (datagram[0] & 0xff) == TunnelData.TYPE) {
            tunnelData(datagram, origin, arrivedOn);
        } else {
            registrationRequest(datagram, origin, arrivedOn);
        }
    }

    /**
     * Tunnel Data (RFC 3519 §3.3) from a mobile node behind a NAT, reverse tunnelled to its home agent
     * address, the public one: the data plane admits it by the MBR's record (the NAT's address and
     * port, RFC 3519 §5.1; the records' reverse tunnels are fed to it as the IP-in-IP ones are) and
     * unwraps it, as the home agent's socket hands it Tunnel Data.
     */
    private void tunnelData(byte[] datagram, InetSocketAddress origin, InetSocketAddress arrivedOn) {
        counters.increment("tunnel-data-received");
        MipMessage message;
        try {
            message = codec.decode(Unpooled.wrappedBuffer(datagram));
        } catch (MalformedMessageException e) {
            drops.drop("tunnel-data-malformed", () -> "malformed Tunnel Data from " + origin + ": " + e.getMessage());
            return;
        }
        UdpTunnelReceiver receiver = tunnelDataReceiver;
        if (receiver == null) {
            drops.drop("tunnel-data-without-data-plane", () -> "Tunnel Data from " + origin + ": no data plane"
                    + " (UdpTunnelReceiver) on this box unwraps it");
            return;
        }
        receiver.tunnelData((TunnelData) message, origin, arrivedOn);
    }

    /** This box's data plane takes the Tunnel Data that reaches the public address. */
    public synchronized void tunnelDataTo(UdpTunnelReceiver receiver) {
        tunnelDataReceiver = receiver;
    }

    /** {@code receiver} went: none takes Tunnel Data unless another came meanwhile. */
    public synchronized void tunnelDataGone(UdpTunnelReceiver receiver) {
        if (tunnelDataReceiver == receiver) {
            tunnelDataReceiver = null;
        }
    }

    private synchronized void registrationRequest(byte[] datagram, InetSocketAddress origin,
            InetSocketAddress arrivedOn) {
        counters.increment("requests-received");
        if (!active) {
            drops.drop("requests-while-standby", () -> "a request from " + origin + " reached the standby control node");
            return;
        }
        Optional<RegistrationRequest> request = readHeader(datagram, origin);
        if (request.isEmpty()) {
            return;
        }
        RequestKey key = new RequestKey(request.get().homeAddress(), request.get().identification());
        if (inFlight.contains(key)) {
            drops.drop("requests-retransmitted-in-flight", () -> "a retransmission from " + origin + " while the HA still"
                    + " decides the first");
            return;
        }
        Optional<TrackedAgent> agent = agentFor(key.home());
        if (agent.isEmpty()) {
            Integer owner = owners.get(key.home());
            boolean held = owner != null && agents.get(owner).state() == AgentState.SWITCHING_OVER;
            drops.drop(held ? "requests-held-switching-over" : "requests-no-agent", () -> "no HA takes registrations of "
                    + key.home().getHostAddress() + " now" + (held ? " (its HA is switching over)" : ""));
            return;
        }
        agent.get().forwarded();
        long id = requestIds.nextLong();
        pending.put(id, new Pending(origin, agent.get().nodeId(), clock.instant().plus(settings.requestTimeout()), key));
        inFlight.add(key);
        counters.increment("requests-forwarded");
        send(agent.get(), new ForwardedRequest(id, origin, arrivedOn, datagram));
    }

    /**
     * The codec reads the home address and identification; a request the HA will answer with 134
     * (readable header, bad extensions) still goes to it, the rest is dropped as the HA would.
     */
    private Optional<RegistrationRequest> readHeader(byte[] datagram, InetSocketAddress origin) {
        try {
            MipMessage message = codec.decode(Unpooled.wrappedBuffer(datagram));
            if (message instanceof RegistrationRequest request) {
                return Optional.of(request);
            }
            drops.drop("requests-not-a-request", () -> "a message of type " + message.type() + " from " + origin);
        } catch (MalformedMessageException e) {
            if (e.header().isPresent()) {
                return e.header();
            }
            drops.drop("requests-undecodable", () -> "undecodable datagram from " + origin + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The HA of {@code home}: the one holding its binding (or its successor), else the policy's choice. */
    private Optional<TrackedAgent> agentFor(Inet4Address home) {
        Integer owner = owners.get(home);
        if (owner != null) {
            return resolve(owner);
        }
        List<HaChoice.Candidate> candidates = new ArrayList<>();
        for (TrackedAgent agent : agents.values()) {
            if (agent.routable()) {
                candidates.add(new HaChoice.Candidate(agent.nodeId(), agent.mbr().bindings()));
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        candidates.sort(java.util.Comparator.comparingInt(HaChoice.Candidate::nodeId));
        OptionalInt chosen = settings.choice().choose(home, candidates);
        return chosen.isPresent() ? resolve(chosen.getAsInt()) : Optional.empty();
    }

    /** {@code nodeId}'s HA, or the one that took over from it (and so on), if it takes registrations now. */
    private Optional<TrackedAgent> resolve(int nodeId) {
        TrackedAgent agent = agents.get(nodeId);
        for (int hops = 0; agent != null && hops < agents.size(); hops++) {
            if (agent.routable()) {
                return Optional.of(agent);
            }
            OptionalInt successor = agent.successor();
            if (agent.state() != AgentState.FAILED || successor.isEmpty()) {
                break;
            }
            agent = agents.get(successor.getAsInt());
        }
        return Optional.empty();
    }

    private void holds(int nodeId, Inet4Address home, List<Binding> state) {
        changes++;
        if (active) {
            pair.ifPresent(p -> p.feed().home(nodeId, home, state, clock.instant()));
        }
        if (!state.isEmpty()) {
            owners.put(home, nodeId);
        } else {
            owners.remove(home, nodeId);
        }
        reverseTunnels.ifPresent(feed -> feed.home(home, reverseTunnelsOf(home)));
    }

    /**
     * The bindings of {@code home} granted reverse tunnelling (RFC 3024 §4.2.1), as the MBR of the HA
     * whose report of it was applied last holds them (the one serving it): after a takeover the
     * failed HA's MBR keeps its last records until it rejoins, and a mobile that moved since must be
     * admitted from its new care-of address only.
     */
    private List<TunnelSpec> reverseTunnelsOf(Inet4Address home) {
        Integer owner = owners.get(home);
        if (owner == null) {
            return List.of();
        }
        return agents.get(owner).mbr().find(home).orElse(List.of()).stream().filter(Binding::reverseTunnel)
                .map(TunnelSpec::of).toList();
    }

    /**
     * From now on {@code feed} is told every change of the MBRs' reverse tunnels and whether this
     * control node serves; it is told the whole set now (docs/hacn.md, "Tunnels").
     */
    synchronized void feedReverseTunnels(ReverseTunnelFeed feed) {
        reverseTunnels = Optional.of(feed);
        Set<Inet4Address> homes = new HashSet<>();
        agents.values().forEach(agent -> homes.addAll(agent.mbr().homes()));
        homes.forEach(home -> feed.home(home, reverseTunnelsOf(home)));
        feed.serving(active);
    }

    // ---- the peer link

    void receive(PeerMessage message) {
        synchronized (this) {
            if (pair.isPresent() && message.sender().nodeId() == pair.get().peer().nodeId()) {
                fromPeer(message);
                return;
            }
            TrackedAgent agent = agents.get(message.sender().nodeId());
            if (!active && agent != null) {
                drops.drop("dropped-standby", () -> "a message from HA " + agent.nodeId() + " reached the standby control"
                        + " node (it follows the active one)");
                return;
            }
            if (agent == null) {
                drops.drop("dropped-unknown-node", () -> "service 2 message from node " + message.sender().nodeId()
                        + ", not a configured HA");
                return;
            }
            HacnMessage decoded;
            try {
                decoded = HacnCodec.decode(message.payload(), clock.instant());
            } catch (MalformedHacnMessage e) {
                drops.drop("dropped-malformed", () -> "malformed message from HA " + agent.nodeId() + ": " + e.getMessage());
                return;
            }
            Optional<AgentRole> role = roleOf(decoded);
            if (agent.state() == AgentState.FAILED || agent.state() == AgentState.REJOINING) {
                // its MBR is handed over and rebuilt once it rejoined: only what it says of its role counts
                if (role.isEmpty()) {
                    drops.drop("dropped-from-failed-agent", () -> "HA " + agent.nodeId() + " is " + agent.state().text()
                            + "; ignoring its " + decoded.getClass().getSimpleName());
                    return;
                }
                agent.heard(clock.instant(), message.senderEpoch());
                if (decoded instanceof PollAnswer a) {
                    counters.increment(agent.pollAnswered(a.pollId()) ? "polls-answered" : "polls-answered-late");
                }
                rejoin.heard(agent, role.get(), bindingsOf(decoded), false);
                return;
            }
            boolean newLife = heard(agent, message.senderEpoch(), decoded);
            handle(agent, decoded);
            role.ifPresent(r -> rejoin.heard(agent, r, bindingsOf(decoded), newLife));
        }
    }

    private void fromPeer(PeerMessage message) {
        HacnMessage decoded;
        try {
            decoded = HacnCodec.decode(message.payload(), clock.instant());
        } catch (MalformedHacnMessage e) {
            drops.drop("dropped-malformed", () -> "malformed message from the peer control node: " + e.getMessage());
            return;
        }
        pair.get().receive(decoded, message.senderEpoch(), clock.instant());
        changes++; // what a standby learned is in its checkpoint too
    }

    private static int bindingsOf(HacnMessage message) {
        if (message instanceof Heartbeat h) {
            return h.bindings();
        }
        return message instanceof PollAnswer a ? a.bindings() : 0;
    }

    /** @return whether this is a new life of the HA (first contact, or its link restarted) */
    private boolean heard(TrackedAgent agent, long epoch, HacnMessage message) {
        Instant now = clock.instant();
        boolean newLife = agent.heard(now, epoch);
        if (newLife) {
            // first contact, or its link restarted: its report sequence starts again, its table is
            // what its backup restored; learn it whole
            agent.mbr().restarted();
            requestSnapshot(agent);
        }
        if (agent.state() == AgentState.UNKNOWN) {
            // a poll sent before it was up (a control node that resumed polls every HA) is answered by
            // whatever it says first
            agent.pollAnswered(agent.pollId());
            boolean standingBy = roleOf(message).orElse(AgentRole.ACTIVE) == AgentRole.STANDING_BY;
            agent.moveTo(standingBy ? AgentState.STANDING_BY : AgentState.ACTIVE, "heard");
        } else if (agent.state() == AgentState.SUSPECT) {
            agent.moveTo(AgentState.ACTIVE, "heard again");
        }
        return newLife;
    }

    private static Optional<AgentRole> roleOf(HacnMessage message) {
        if (message instanceof Heartbeat h) {
            return Optional.of(h.role());
        }
        return message instanceof PollAnswer a ? Optional.of(a.role()) : Optional.empty();
    }

    private void handle(TrackedAgent agent, HacnMessage message) {
        Instant now = clock.instant();
        if (message instanceof Heartbeat h) {
            counters.increment("heartbeats-received");
            agent.reportedBindings(h.bindings());
            agent.mbr().announced(h.lastSequence(), now);
        } else if (message instanceof PollAnswer a) {
            counters.increment(agent.pollAnswered(a.pollId()) ? "polls-answered" : "polls-answered-late");
            agent.reportedBindings(a.bindings());
            agent.mbr().announced(a.lastSequence(), now);
        } else if (message instanceof ChangeReport r) {
            counters.increment(agent.mbr().report(r, now) ? "reports-received" : "reports-stale");
        } else if (message instanceof ForwardedReply r) {
            reply(agent, r);
        } else if (message instanceof FailingInterrupt i) {
            fail(agent, "interrupt", i.reason());
        } else if (message instanceof SnapshotChunk c) {
            snapshotChunk(agent, c, now);
        } else {
            drops.drop("dropped-unexpected", () -> "unexpected " + message.getClass().getSimpleName() + " from HA "
                    + agent.nodeId());
        }
    }

    private void snapshotChunk(TrackedAgent agent, SnapshotChunk chunk, Instant now) {
        if (!agent.mbr().chunk(chunk, now)) {
            // a chunk of a transfer asked again under another id (or of none): its HA sent it before
            // the new request, or the link delivered it late; mixed into the new one it could bring
            // back records of another moment of the table
            drops.drop("dropped-snapshot-chunk-not-asked", () -> "chunk " + chunk.index() + " of snapshot transfer "
                    + chunk.transferId() + " from HA " + agent.nodeId() + ": "
                    + (agent.mbr().awaitingSnapshot() ? "transfer " + agent.mbr().transferId() + " is the one asked"
                            : "no snapshot asked"));
            return;
        }
        counters.increment("snapshot-chunks-received");
        if (!agent.mbr().awaitingSnapshot() && agent.mbr().reasks() > 0) {
            LOG.info("snapshot of HA {} complete after it was asked again {} times: {} bindings", agent.nodeId(),
                    agent.mbr().reasks(), agent.mbr().bindings());
        }
    }

    private void reply(TrackedAgent agent, ForwardedReply reply) {
        Pending asked = pending.get(reply.requestId());
        if (asked == null || asked.agent() != agent.nodeId()) {
            drops.drop("replies-late", () -> "reply " + reply.requestId() + " from HA " + agent.nodeId()
                    + " to no request in flight there (timed out?)");
            return;
        }
        pending.remove(reply.requestId());
        inFlight.remove(asked.key());
        if (!reply.bindings().isEmpty()) {
            // the next request of this home address goes to the same HA even before its report arrives
            owners.put(reply.homeAddress(), agent.nodeId());
        }
        if (reply.reply().isEmpty()) {
            counters.increment("requests-discarded-by-agent");
            return;
        }
        counters.increment("replies-sent");
        replies.send(reply.reply().get(), asked.origin());
    }

    /** Learns {@code agent}'s table afresh: its MBR from a full snapshot and its reports after it. */
    void relearn(TrackedAgent agent) {
        agent.mbr().restarted();
        requestSnapshot(agent);
    }

    /**
     * Gives {@code agent}'s home addresses to {@code successor} for good (those still routed to
     * {@code agent}; without a successor the policy chooses again) and forgets its MBR: it is
     * told to clear its table.
     */
    void handOver(TrackedAgent agent, OptionalInt successor) {
        for (Inet4Address home : agent.mbr().homes()) {
            if (successor.isPresent()) {
                owners.replace(home, agent.nodeId(), successor.getAsInt());
            }
        }
        agent.mbr().clear();
    }

    /** The HA of a manual switchover whose successor is activated: it stands by now. */
    void switchedOver(TrackedAgent agent) {
        counters.increment("switchovers-completed");
        rejoin.standBy(agent, "switched over to HA " + agent.successor().orElse(0));
    }

    int inFlightTo(TrackedAgent agent) {
        int count = 0;
        for (Pending p : pending.values()) {
            if (p.agent() == agent.nodeId()) {
                count++;
            }
        }
        return count;
    }

    private void requestSnapshot(TrackedAgent agent) {
        int id = transferIds.nextInt();
        agent.mbr().snapshotRequested(id, clock.instant());
        counters.increment("snapshot-requests");
        send(agent, new SnapshotRequest(id));
    }

    // ---- timers

    /** Every {@code tickMillis}: failure detection, request timeouts, report gaps. */
    public synchronized void tick() {
        Instant now = clock.instant();
        if (!active) {
            return; // the active control node watches the HAs; this one learns what it sees
        }
        pair.ifPresent(p -> p.feed().tick(now));
        detector.tick(now);
        switchover.tick(now);
        takeover.startWaiting(now);
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending p = it.next();
            if (!now.isBefore(p.deadline())) {
                it.remove();
                inFlight.remove(p.key());
                counters.increment("requests-timed-out");
            }
        }
        for (TrackedAgent agent : agents.values()) {
            if (agent.state() != AgentState.FAILED && agent.state() != AgentState.REJOINING
                    && agent.mbr().gapOpenFor(settings.gapTimeout(), now)) {
                LOG.info("change reports of HA {} missing for {} ms after sequence {}: asking for its whole table",
                        agent.nodeId(), settings.gapTimeout().toMillis(), agent.mbr().appliedSequence());
                requestSnapshot(agent);
            } else if (agent.state() != AgentState.FAILED && agent.state() != AgentState.REJOINING
                    && agent.mbr().transferStalled(settings.snapshotStall(), now)) {
                askSnapshotAgain(agent);
            }
        }
    }

    /**
     * The snapshot asked of {@code agent} brought no new chunk for the stall time (with backoff): the
     * request or chunks were given up by the link (lost beyond its give-up, the HA unreachable or too
     * busy for longer). Asked again whole under a new transfer id: a snapshot is the HA's table at the
     * moment it lists it, so the chunks of two listings do not make one table. Logged once per episode.
     */
    private void askSnapshotAgain(TrackedAgent agent) {
        MbrSnapshot mbr = agent.mbr();
        counters.increment("snapshot-reasks");
        if (mbr.reasks() == 0) {
            LOG.warn("HA {}: {}, nothing new for {} ms: asking for its whole table again, then after twice as long"
                    + " each time up to {} ms until it arrives (logged once per snapshot)", agent.nodeId(),
                    mbr.whyIncomplete().orElse(""), settings.snapshotStall().toMillis(),
                    settings.snapshotStall().multipliedBy(MbrSnapshot.BACKOFF_LIMIT).toMillis());
        }
        requestSnapshot(agent);
    }

    // ---- failures and state changes

    /** A failure of {@code agent} detected by {@code how}: logged, counted, published, taken over. */
    void fail(TrackedAgent agent, String how, String why) {
        AgentState was = agent.state();
        if (was == AgentState.FAILED) {
            return;
        }
        Instant now = clock.instant();
        agent.detected();
        counters.increment("detections-" + how);
        LOG.warn("HA {} failed, detected by {}: {}", agent.nodeId(), how, why);
        events.accept(ApplianceEvent.of(ApplianceEvent.Kind.FAILURE, now, ControlNodeView.SOURCE, "HA "
                + agent.nodeId() + " failed (" + how + "): " + why, Map.of("component", ControlNodeView.SOURCE,
                        "ha", Integer.toString(agent.nodeId()), "detection", how, "reason", why,
                        "bindings", Integer.toString(agent.mbr().bindings()))));
        agent.moveTo(AgentState.FAILED, how + ": " + why);
        if (was == AgentState.RECEIVING) {
            takeover.targetFailed(agent, now);
        } else if (was == AgentState.ACTIVE || was == AgentState.SUSPECT || was == AgentState.SWITCHING_OVER) {
            agent.awaitingTakeover(true);
            takeover.start(agent, now);
        }
    }

    private void moved(TrackedAgent agent, AgentState from, AgentState to, String why, Map<String, String> details) {
        changes++;
        stateChanged.run();
        counters.increment("transitions");
        LOG.info("HA {}: {} -> {} ({}; docs/hacn.md, \"States of an HA\")", agent.nodeId(), from.text(), to.text(), why);
        // the HA's node id for machines (the SNMP agent's hacnTakeoverDone), with what the change adds
        ApplianceEvent event = ApplianceEvent.roleChanged(clock.instant(),
                ControlNodeView.AGENT_SOURCE_PREFIX + agent.nodeId(), from.text(), to.text(), why)
                .withDetail("ha", Integer.toString(agent.nodeId()));
        for (Map.Entry<String, String> detail : details.entrySet()) {
            event = event.withDetail(detail.getKey(), detail.getValue());
        }
        events.accept(event);
    }

    // ---- for the collaborators and the operator

    CompletionStage<Void> send(TrackedAgent agent, HacnMessage message) {
        return sendBytes(agent, HacnCodec.encode(message, clock.instant()));
    }

    CompletionStage<Void> sendBytes(TrackedAgent agent, byte[] payload) {
        return channel.send(agent.spec().address(), payload);
    }

    CompletionStage<Void> sendTo(InetSocketAddress node, byte[] payload) {
        return channel.send(node, payload);
    }

    Instant now() {
        return clock.instant();
    }

    // ---- the pair of control nodes (docs/hacn.md, "Standby control node")

    /**
     * keepalived's word for the public address's VRRP instance (from its notify FIFO's thread):
     * master (RFC 5798 §6.4.2) resumes with the state learned from the active peer; anything else
     * (§6.4.3) makes an active control node a standby that learns from the new master.
     */
    public void keepalived(boolean master) {
        synchronized (this) {
            if (pair.isEmpty() || master == active) {
                return;
            }
            if (master) {
                resume();
            } else {
                active = false;
                reverseTunnels.ifPresent(feed -> feed.serving(false));
                pending.clear();
                inFlight.clear();
                pair.get().becomeStandby(capture(), clock.instant());
            }
        }
        roleChanged.accept(master); // binds or closes the public address's socket, outside the lock
    }

    /**
     * Takes over as the active control node: every HA's MBR, state and successor as the standby
     * learned them (as from a checkpoint: "last heard" now, so that an HA that died with the
     * active control node is detected and taken over from its MBR), then polls every HA: the HAs
     * follow the control node that polls them (their heartbeats, reports and interrupts go to it
     * from then on), and a first contact asks each one for its whole table, which replaces what
     * replicas in flight at the failure may have missed. The peer, standby now, is taught the
     * whole state.
     */
    private void resume() {
        Instant now = clock.instant();
        CheckpointFile.Contents learned = pair.get().becomeActive(now);
        pending.clear();
        inFlight.clear();
        for (TrackedAgent agent : agents.values()) {
            agent.mbr().clear();
            agent.mbr().restarted();
            agent.newContact();
        }
        owners.clear();
        restoreAgents(learned, now);
        active = true;
        reverseTunnels.ifPresent(feed -> feed.serving(true));
        counters.increment("resumes-as-active");
        LOG.info("active control node now: resumed with {} HAs and {} bindings; polling every HA so that it follows",
                learned.agents().size(), agents.values().stream().mapToInt(a -> a.mbr().bindings()).sum());
        events.accept(ApplianceEvent.roleChanged(now, ControlNodeView.SOURCE, "standby", "active", "keepalived MASTER")
                .withDetail("node", Integer.toString(nodeId)).withDetail("agents", Integer.toString(agents.size()))
                .withDetail("bindings", Integer.toString(agents.values().stream().mapToInt(a -> a.mbr().bindings())
                        .sum())));
        for (TrackedAgent agent : agents.values()) {
            detector.poll(agent, now);
        }
        // the peer may have kept its own state (both started together): it learns this one's now, unasked
        pair.get().feed().teach(0, now);
    }

    /** Told (outside the lock) whenever this control node becomes active (true) or standby (false). */
    public void onRoleChange(Consumer<Boolean> listener) {
        this.roleChanged = listener;
    }

    /** Whether this control node serves now. */
    public synchronized boolean active() {
        return active;
    }

    /** The pair's state for hacn:status, if this control node has a peer. */
    public synchronized Optional<String> pairStatus() {
        return pair.map(StandbyPair::status);
    }

    private CheckpointFile.Contents capture() {
        List<CheckpointFile.Agent> copy = new ArrayList<>(agents.size());
        for (TrackedAgent a : agents.values()) {
            copy.add(new CheckpointFile.Agent(a.nodeId(), a.state(), a.successor().orElse(0), a.redundant(),
                    a.awaitingTakeover(), a.mbr().all()));
        }
        return new CheckpointFile.Contents(clock.instant(), copy);
    }

    /** Runs {@code step} under the control node's lock (an acknowledgement coming back from the link). */
    synchronized void locked(Runnable step) {
        step.run();
    }

    /** What {@code reading} reads under the control node's lock: one consistent picture (the management view). */
    synchronized <T> T read(Supplier<T> reading) {
        return reading.get();
    }

    /** This control node's node id on the peer link. */
    int nodeId() {
        return nodeId;
    }

    /** Which of a pair this control node is; empty without a peer. */
    Optional<StandbyPair> pair() {
        return pair;
    }

    Collection<TrackedAgent> agents() {
        return agents.values();
    }

    /**
     * The operator's manual switchover of HA {@code nodeId} (hacn:failover).
     *
     * @return what happens next, and what its preparation led to
     * @throws OperatorRefusal for an unknown HA, one that is not active, or no redundant HA standing by
     */
    public synchronized SwitchoverOrder failover(int nodeId) {
        return switchover.start(agent(nodeId), clock.instant());
    }

    /**
     * A switchover started: {@code started} says what happens next; {@code prepared} completes once its
     * MBR is downloading (or the HA failed meanwhile) with a line for the operator, or exceptionally with
     * an {@link OperatorRefusal} once it is refused (within {@code switchoverWait}; the HA serves on).
     */
    public record SwitchoverOrder(String started, CompletionStage<String> prepared) {
    }

    private TrackedAgent agent(int nodeId) {
        TrackedAgent agent = agents.get(nodeId);
        if (agent == null) {
            throw new OperatorRefusal("no HA " + nodeId + " (configured: " + agents.keySet() + ")");
        }
        return agent;
    }

    /** Told of every state change of an HA, under the lock: the checkpoint is written soon after. */
    public void onStateChange(Runnable task) {
        this.stateChanged = task;
    }

    public Counters counters() {
        return counters;
    }

    public ControlSettings settings() {
        return settings;
    }

    /** Each HA as the operator sees it. */
    public synchronized List<AgentView> view() {
        return agents.values().stream().map(this::viewOf).toList();
    }

    private AgentView viewOf(TrackedAgent a) {
        return new AgentView(a.nodeId(), a.spec(), a.redundant(), a.state(), a.mbr().homeAddresses(), a.mbr().bindings(),
                a.reportedBindings(), a.lastHeard(), a.requests(), inFlightTo(a), a.detections(), a.successor(),
                a.awaitingTakeover(), a.mbr().appliedSequence());
    }

    /**
     * The MBR snapshot of HA {@code nodeId}, by home address.
     *
     * @throws OperatorRefusal for an HA that is not configured
     */
    public synchronized List<Binding> bindings(int nodeId) {
        return agent(nodeId).mbr().all();
    }

    /** The redundant HAs (configured, or rejoined), the one that would take over next first. */
    public synchronized List<AgentView> redundant() {
        return agents.values().stream().filter(TrackedAgent::redundant).sorted(takeover.choiceOrder(0)).map(this::viewOf)
                .toList();
    }

    public synchronized int inFlight() {
        return pending.size();
    }

    public synchronized int takeoversRunning() {
        return takeover.running();
    }

    public void close() {
        channel.close();
    }

    /** What the checkpoint keeps, as of {@code changes} changes of routing and state. */
    record Capture(long changes, List<CheckpointFile.Agent> agents) {
    }

    /**
     * A copy of what the checkpoint keeps, if anything changed since the capture of {@code written}
     * changes: the control node's state, or on a standby what it learned from the active one
     * (nothing while it is still learning: the last checkpoint stays).
     */
    synchronized Optional<Capture> captureSince(long written) {
        if (changes == written) {
            return Optional.empty();
        }
        if (active || pair.isEmpty()) {
            return Optional.of(new Capture(changes, capture().agents()));
        }
        return pair.get().checkpointState(clock.instant()).map(learned -> new Capture(changes, learned.agents()));
    }

    /**
     * The checkpoint read at start, before any HA is heard: each configured HA's MBR (bindings
     * expired since left out), successor, role and state (docs/hacn.md, "Durable snapshots").
     */
    synchronized void restore(CheckpointFile.Contents contents) {
        restoreAgents(contents, clock.instant());
        counters.increment("checkpoint-restored");
    }

    private void restoreAgents(CheckpointFile.Contents contents, Instant now) {
        for (CheckpointFile.Agent saved : contents.agents()) {
            TrackedAgent agent = agents.get(saved.nodeId());
            if (agent == null) {
                counters.increment("checkpoint-agents-unconfigured");
                LOG.warn("the checkpoint names HA {}, which is not configured any more: its {} bindings are left out",
                        saved.nodeId(), saved.bindings().size());
                continue;
            }
            agent.mbr().restore(saved.bindings().stream().filter(b -> b.expiresAt().isAfter(now)).toList());
            agent.restore(saved, now);
        }
    }

    /**
     * One HA for the shell.
     *
     * @param reportedBindings what its last heartbeat said it holds (the MBR should agree)
     */
    public record AgentView(int nodeId, AgentSpec spec, boolean redundant, AgentState state, int homeAddresses,
            int bindings, int reportedBindings, Optional<Instant> lastHeard, long requests, int inFlight,
            int detections, OptionalInt successor, boolean awaitingTakeover, long sequence) {

        /** Its MBR's bindings as a share of its capacity, in percent; empty without a capacity. */
        public OptionalInt load() {
            return spec.capacity() == 0 ? OptionalInt.empty()
                    : OptionalInt.of((int) Math.min(999, (long) bindings * 100 / spec.capacity()));
        }
    }
}
