package net.homeagent.hacn.agent;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.hacn.Counters;
import net.homeagent.hacn.Drops;
import net.homeagent.hacn.wire.HacnCodec;
import net.homeagent.hacn.wire.HacnMessage;
import net.homeagent.hacn.wire.HacnMessage.Activate;
import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.hacn.wire.HacnMessage.ChangeReport;
import net.homeagent.hacn.wire.HacnMessage.FailingInterrupt;
import net.homeagent.hacn.wire.HacnMessage.ForwardedRequest;
import net.homeagent.hacn.wire.HacnMessage.Heartbeat;
import net.homeagent.hacn.wire.HacnMessage.Poll;
import net.homeagent.hacn.wire.HacnMessage.PollAnswer;
import net.homeagent.hacn.wire.HacnMessage.ServeHeld;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.hacn.wire.HacnMessage.SnapshotRequest;
import net.homeagent.hacn.wire.HacnMessage.StandBy;
import net.homeagent.hacn.wire.MalformedHacnMessage;
import net.homeagent.hacn.wire.SnapshotChunks;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.ServingAuthority;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEventListener;
import net.homeagent.mip.api.support.Futures;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerMessage;

/**
 * This HA's end of the control node protocol (docs/hacn.md, "The HA's side"): it takes the
 * registrations the HACN forwards, reports every change of the binding table with a sequence
 * number, heartbeats, answers polls and snapshot requests, takes downloads as a redundant HA, and
 * sends a failing interrupt once, when it knows it is failing. Everything it sends goes to its
 * control node, reliably; it never blocks the link's thread longer than a chunk's registrations.
 * With a standby control node configured it follows whichever of the two last sent it something:
 * only the active one sends to HAs, and one that takes over polls every HA at once.
 */
public final class AgentEndpoint implements BindingListener, ApplianceEventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentEndpoint.class);

    private final AgentSettings settings;
    private final BindingStore store;
    private final Clock clock;
    private final Consumer<ApplianceEvent> events;
    private final Counters counters = new Counters();
    private final AgentServing serving;
    private final DownloadIntake intake;
    private final ForwardedRegistrations registrations;
    private final PeerChannel channel;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final Drops drops;
    /** The control node the HA follows: node id and peer-link address, replaced together. */
    private volatile Map.Entry<Integer, InetSocketAddress> followed;

    /** Opens service {@value HacnCodec#SERVICE} on {@code link}. */
    public AgentEndpoint(AgentSettings settings, PeerLink link, RegistrationService service, BindingStore store,
            Clock clock, Consumer<ApplianceEvent> events) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.serving = new AgentServing(settings.redundant());
        this.intake = new DownloadIntake(store, counters);
        this.drops = new Drops(counters, clock, LOG);
        this.registrations = new ForwardedRegistrations(service, store, counters, clock, this::send,
                reason -> interrupt(reason));
        this.followed = Map.entry(settings.controlNodeId(), settings.controlNode());
        this.channel = link.open(HacnCodec.SERVICE, this::receive);
        LOG.info("HA of the control node {} at {}, {}", settings.controlNodeId(), settings.controlNode(),
                settings.redundant() ? "redundant, standing by" : "active");
    }

    void receive(PeerMessage message) {
        int sender = message.sender().nodeId();
        if (sender != settings.controlNodeId() && !settings.standbyControlNodes().containsKey(sender)) {
            drops.drop("dropped-unknown-node", () -> "service 2 message from node " + sender
                    + ", not the control node " + settings.controlNodeId()
                    + (settings.standbyControlNodes().isEmpty() ? "" : " nor its standby"));
            return;
        }
        HacnMessage decoded;
        try {
            decoded = HacnCodec.decode(message.payload(), clock.instant());
        } catch (MalformedHacnMessage e) {
            drops.drop("dropped-malformed", () -> "malformed message from the control node: " + e.getMessage());
            return;
        }
        follow(sender);
        if (decoded instanceof ForwardedRequest forwarded) {
            registrations.handle(forwarded);
        } else if (decoded instanceof Poll poll) {
            counters.increment("polls-answered");
            send(new PollAnswer(poll.pollId(), sequence.get(), store.size(), serving.role()));
        } else if (decoded instanceof SnapshotRequest request) {
            sendSnapshot(request.transferId());
        } else if (decoded instanceof SnapshotChunk chunk && serving.takesDownloads()) {
            intake.apply(chunk);
        } else if (decoded instanceof Activate activate && serving.takesDownloads()) {
            activate(activate);
        } else if (decoded instanceof StandBy order) {
            standBy(order);
        } else if (decoded instanceof ServeHeld order) {
            serveHeld(order);
        } else {
            drops.drop("dropped-unexpected", () -> "unexpected " + decoded.getClass().getSimpleName()
                    + " from the control node");
        }
    }

    /** A message from control node {@code sender}: the active one (a standby sends nothing to HAs). */
    private void follow(int sender) {
        var was = followed;
        if (was.getKey() == sender) {
            return;
        }
        followed = Map.entry(sender, sender == settings.controlNodeId() ? settings.controlNode()
                : settings.standbyControlNodes().get(sender));
        counters.increment("control-node-changes");
        LOG.info("HA follows control node {} now (was {}; docs/hacn.md, \"Standby control node\"): heartbeats, reports"
                + " and interrupts go there", sender, was.getKey());
        events.accept(ApplianceEvent.roleChanged(clock.instant(), "hacn-agent-control-node", Integer.toString(was.getKey()),
                Integer.toString(sender), "the control node that sends to this HA"));
    }

    /**
     * Every change of the table, on the thread that made it and inside the store's lock of the home
     * address, so that one home address's reports are numbered in the order of its changes. A
     * binding REPLACED leaves in the same registration that adds its successor, whose report
     * carries the home address's state. A download's changes are not reported: the control node
     * sent them and fills the MBR with them at the activation; a report each (another reliable send
     * and an MBR update under the control node's lock per home address) made a download of 98,756
     * bindings take 14 s (docs/PERFORMANCE.md, "HACN").
     */
    @Override
    public void bindingChanged(BindingEvent event) {
        if (event.reason().orElse(null) == RemovalReason.REPLACED
                || (event.origin() == ChangeOrigin.DOWNLOADED && intake.applying())) {
            return;
        }
        var home = event.binding().homeAddress();
        counters.increment("changes-reported");
        send(new ChangeReport(sequence.incrementAndGet(), home, store.find(home)));
    }

    /** Called every heartbeat interval. */
    public void heartbeat() {
        counters.increment("heartbeats-sent");
        send(new Heartbeat(sequence.get(), store.size(), serving.role()));
    }

    /**
     * Tells the control node, once, that this HA is failing (docs/hacn.md, "Failure detection"): the
     * bundle stopping, the data plane or the backup reporting a failure.
     */
    public CompletionStage<Void> interrupt(String reason) {
        if (!interrupted.compareAndSet(false, true)) {
            return Futures.NOTHING_TO_WAIT_FOR;
        }
        LOG.warn("telling the control node this HA is failing: {}", reason);
        counters.increment("interrupts-sent");
        return send(new FailingInterrupt(reason));
    }

    /** The failures of this HA's service the appliance publishes: the backup's and the data plane's. */
    @Override
    public Set<ApplianceEvent.Kind> kinds() {
        return Set.of(ApplianceEvent.Kind.FAILURE, ApplianceEvent.Kind.BACKUP_PROBLEM);
    }

    @Override
    public void eventPublished(ApplianceEvent event) {
        if (event.kind() == ApplianceEvent.Kind.BACKUP_PROBLEM
                || (event.kind() == ApplianceEvent.Kind.FAILURE && event.source().startsWith("data-plane"))) {
            interrupt(event.source() + ": " + event.text());
        }
    }

    private void sendSnapshot(int transferId) {
        long at = sequence.get(); // before the listing: reports after it may repeat what the listing holds
        List<Binding> table = store.list(b -> true);
        List<byte[]> chunks = SnapshotChunks.encode(transferId, at, table, settings.chunkBytes(), clock.instant());
        counters.increment("snapshots-sent");
        LOG.info("sending the control node a snapshot of {} bindings in {} chunks (transfer {}, sequence {})",
                table.size(), chunks.size(), transferId, at);
        chunks.forEach(this::sendBytes);
    }

    private void activate(Activate activate) {
        if (!intake.complete(activate.transferId(), activate.chunks())) {
            drops.drop("activations-incomplete", () -> "activation of transfer " + activate.transferId()
                    + " before all of its " + activate.chunks() + " chunks");
            return;
        }
        if (serving.activate()) {
            counters.increment("activations");
            LOG.info("redundant HA: standing-by -> activated (docs/hacn.md, \"Takeover\"; transfer {}, {} bindings)",
                    activate.transferId(), store.size());
            events.accept(ApplianceEvent.roleChanged(clock.instant(), "hacn-agent", "standing-by", "activated",
                    "the control node activated this redundant HA"));
        } else {
            counters.increment("activations-again"); // a second failed HA's download to an HA already serving
        }
    }

    /**
     * The HACN's order to serve what this HA holds (docs/hacn.md, "Takeover"): it was an activated
     * redundant HA, restarted with its configured role (standing by) and the bindings its backup
     * restored, which are the ones the control node's MBR says it served.
     */
    private void serveHeld(ServeHeld order) {
        if (!serving.activate()) {
            counters.increment("serve-held-again");
            return;
        }
        counters.increment("serve-held-orders");
        LOG.info("redundant HA: standing-by -> activated (docs/hacn.md, \"Takeover\"): the control node tells it to"
                + " serve the {} bindings its backup restored (its MBR: {})", store.size(), order.bindings());
        events.accept(ApplianceEvent.roleChanged(clock.instant(), "hacn-agent", "standing-by", "activated",
                "restarted: the control node tells this HA to serve what it holds"));
    }

    /**
     * The HACN's order to stand by (docs/hacn.md, "Rejoin"): this HA's mobile nodes are served by
     * another HA now (it was taken for failed, or switched over by the operator), so it stops
     * serving first (the data plane withdraws every tunnel and home address at once), then clears
     * its table, which would otherwise tunnel and answer for mobiles it no longer serves, and from
     * now on takes downloads as a redundant HA. The link acknowledges the order once this is done;
     * the HACN waits for a heartbeat saying standing by with no binding. A later failure is told
     * again.
     */
    private void standBy(StandBy order) {
        AgentRole was = serving.standBy();
        int cleared = store.clear(RemovalReason.CLEARED);
        interrupted.set(false);
        counters.increment("stand-by-orders");
        LOG.info("HA: {} -> standing-by (docs/hacn.md, \"Rejoin\"): the control node's order, {} bindings cleared,"
                + " its mobile nodes are served by HA {}", was.text(), cleared,
                order.successor() == 0 ? "none" : Integer.toString(order.successor()));
        if (was != AgentRole.STANDING_BY) {
            events.accept(ApplianceEvent.roleChanged(clock.instant(), "hacn-agent", was.text(), "standing-by",
                    "the control node moved this HA's mobile nodes to HA " + order.successor()));
        }
    }

    private CompletionStage<Void> send(HacnMessage message) {
        return sendBytes(HacnCodec.encode(message, clock.instant()));
    }

    private CompletionStage<Void> sendBytes(byte[] payload) {
        CompletionStage<Void> acknowledged = channel.send(followed.getValue(), payload);
        acknowledged.whenComplete((ok, failure) -> {
            if (failure != null) {
                drops.drop("sends-unacknowledged", () -> "the control node did not acknowledge: " + failure.getMessage());
            }
        });
        return acknowledged;
    }

    /** Whether this HA serves its bindings: always for an active HA, once activated for a redundant one. */
    public ServingAuthority authority() {
        return serving;
    }

    public Counters counters() {
        return counters;
    }

    /** The node id of the control node this HA follows. */
    public int controlNode() {
        return followed.getKey();
    }

    public HacnMessage.AgentRole role() {
        return serving.role();
    }

    @Override
    public void close() {
        channel.close();
    }
}
