package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.hacn.FakeNetwork;
import net.homeagent.hacn.agent.AgentEndpoint;
import net.homeagent.hacn.agent.AgentSettings;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RegistrationDecision;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.RegistrationFlags;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * A control node and its HAs in one test: the real {@link ControlCore} and, on each fake HA, the
 * real {@link AgentEndpoint} over a binding store fake and a registration service that accepts a
 * request naming the address it was sent to (else 136, as the home agent does) and binds it.
 * Time moves only when the test says, in ticks; alive HAs heartbeat on time.
 */
final class Deployment {

    static final InetSocketAddress HACN = new InetSocketAddress(ip("10.0.0.1"), 7434);
    /** The standby control node of a pair (node 200). */
    static final InetSocketAddress STANDBY = new InetSocketAddress(ip("10.0.0.2"), 7434);
    static final InetSocketAddress PUBLIC = new InetSocketAddress(ip("192.0.2.1"), 434);
    static final Duration TICK = Duration.ofMillis(100);
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration SNAPSHOT_STALL = Duration.ofSeconds(10);
    static final Duration SWITCHOVER_WAIT = Duration.ofSeconds(30);

    record Reply(RegistrationReply reply, InetSocketAddress to) {
    }

    final class Ha {
        final int nodeId;
        final boolean redundant;
        final InetSocketAddress address;
        final long epoch;
        final FakeBindingStore store;
        final List<RegistrationRequest> decided = new ArrayList<>();
        final List<ApplianceEvent> published = new ArrayList<>();
        final AgentEndpoint endpoint;

        /** @param store its table (a restarted HA's: what its backup restored); @param epoch its link's */
        Ha(int nodeId, boolean redundant, FakeBindingStore store, long epoch) {
            this.nodeId = nodeId;
            this.redundant = redundant;
            this.store = store;
            this.epoch = epoch;
            this.address = new InetSocketAddress(ip("10.0.0." + (10 + nodeId)), 7434);
            RegistrationService service = registration -> {
                RegistrationRequest r = registration.request();
                decided.add(r);
                Inet4Address ours = (Inet4Address) registration.receivedOn().getAddress();
                int code = r.homeAgent().equals(ours) ? ReplyCode.ACCEPTED : ReplyCode.UNKNOWN_HOME_AGENT_ADDRESS;
                if (code == ReplyCode.ACCEPTED && r.lifetime() == 0) {
                    store.removeAll(r.homeAddress(), RemovalReason.DEREGISTERED, ChangeOrigin.LOCAL);
                } else if (code == ReplyCode.ACCEPTED) {
                    store.register(new Binding(r.homeAddress(), r.careOfAddress(), ours,
                            (Inet4Address) registration.source().getAddress(), registration.source().getPort(),
                            java.util.Optional.empty(), r.lifetime(), clock.instant(),
                            clock.instant().plusSeconds(r.lifetime()), r.identification(), r.flags(),
                            Encapsulation.IP_IN_IP, r.flag(RegistrationFlags.T)), false);
                }
                return CompletableFuture.completedFuture(RegistrationDecision.reply(new RegistrationReply(code,
                        r.lifetime(), r.homeAddress(), ours, r.identification(), List.of()), MessageSigner.NONE)
                        .afterDurable(store.sync()));
            };
            this.endpoint = new AgentEndpoint(new AgentSettings(100, HACN, HEARTBEAT, redundant, 1200,
                    paired ? Map.of(200, STANDBY) : Map.of()),
                    network.node(nodeId, address, epoch), service, store, clock, published::add);
            store.listen(endpoint::bindingChanged);
        }

        String line() {
            return nodeId + "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
        }
    }

    final MutableClock clock = MutableClock.at("2026-12-06T06:00:00Z");
    final FakeNetwork network = new FakeNetwork();
    final List<ApplianceEvent> events = new ArrayList<>();
    final List<Reply> replies = new ArrayList<>();
    final Map<Integer, Ha> has = new LinkedHashMap<>();
    final Set<Integer> dead = new HashSet<>();
    ControlCore core;
    ControlSettings settings;
    /** Set before the HAs are made: they know the standby control node, and the control nodes are a pair. */
    boolean paired;
    /** The standby control node of a pair, once started (the active one after {@link #failOver}). */
    ControlCore standby;
    final List<ApplianceEvent> standbyEvents = new ArrayList<>();
    /** What each control node of the pair wrote to its keepalived track file: true = may take the address. */
    final Map<Integer, List<Boolean>> track = new HashMap<>();
    private Duration sinceHeartbeat = Duration.ZERO;
    private long epochs = 1;

    static Inet4Address ip(String text) {
        return Ipv4.parse(text).orElseThrow();
    }

    Ha ha(int nodeId, boolean redundant) {
        Ha ha = new Ha(nodeId, redundant, new FakeBindingStore(), 1);
        has.put(nodeId, ha);
        return ha;
    }

    /**
     * The HA {@code nodeId}, killed, starts again: a new link epoch, its configured role, its table as
     * its backup restored it (put in before its endpoint listens, as a restore is).
     */
    Ha restart(int nodeId) {
        return restart(nodeId, 0);
    }

    /** As {@link #restart(int)}, with a backup that lost its last {@code lost} bindings. */
    Ha restart(int nodeId, int lost) {
        Ha old = has.get(nodeId);
        FakeBindingStore restored = new FakeBindingStore();
        List<Binding> kept = old.store.list(b -> true);
        kept.subList(0, kept.size() - lost)
                .forEach(b -> restored.register(b, true, net.homeagent.mip.api.ChangeOrigin.RESTORED));
        Ha ha = new Ha(nodeId, old.redundant, restored, ++epochs);
        has.put(nodeId, ha);
        dead.remove(nodeId);
        network.bringUp(ha.address);
        return ha;
    }

    /** Starts the control node with these settings' HAs, the HAs above, and a tick of heartbeats. */
    ControlCore start(java.util.function.Function<List<AgentSpec>, ControlSettings> settings) {
        List<AgentSpec> specs = new ArrayList<>();
        has.values().forEach(h -> specs.add(h.endpoint.role() == net.homeagent.hacn.wire.HacnMessage.AgentRole.ACTIVE
                ? AgentSpec.active(h.line()) : AgentSpec.redundant(h.line() + " " + (10 + h.nodeId) + " 0")));
        this.settings = settings.apply(specs);
        startControlNode(contents -> { });
        heartbeats();
        network.deliverAll();
        network.deliverAll();
        return core;
    }

    /** A control node (again: a restart, with a new link epoch) with these settings, restored by {@code restore}. */
    ControlCore startControlNode(java.util.function.Consumer<ControlCore> restore) {
        if (paired) {
            core = pairNode(100, HACN, 200, STANDBY, events);
            network.giveUp(STANDBY); // no peer yet: it keeps its own state
            core.keepalived(true);
            network.deliverAll();
        } else {
            core = new ControlCore(settings, network.node(100, HACN, ++epochs), clock, events::add);
        }
        restore.accept(core);
        collectReplies(core);
        return core;
    }

    private ControlCore pairNode(int nodeId, InetSocketAddress address, int peerId, InetSocketAddress peer,
            List<ApplianceEvent> published) {
        List<Boolean> written = track.computeIfAbsent(nodeId, id -> new ArrayList<>());
        return new ControlCore(settings, network.node(nodeId, address, ++epochs), clock, published::add,
                java.util.Optional.empty(), java.util.Optional.of(new PeerControlNode(peerId, peer)), written::add);
    }

    /** The standby control node (node 200) starts: it asks the active one for its whole state. */
    ControlCore startStandby() {
        standby = pairNode(200, STANDBY, 100, HACN, standbyEvents);
        collectReplies(standby);
        network.deliverAll();
        network.deliverAll();
        return standby;
    }

    /**
     * kill -9 of the active control node, and keepalived gives the public address to the standby:
     * from then on {@link #core} is the former standby.
     */
    void failOver() {
        network.takeDown(HACN);
        network.lose(HACN);
        standby.keepalived(true);
        core = standby;
        standby = null;
        network.deliverAll();
        network.deliverAll();
    }

    private void collectReplies(ControlCore node) {
        node.replyThrough((bytes, to) -> {
            try {
                replies.add(new Reply((RegistrationReply) MipCodec.standard().decode(Unpooled.wrappedBuffer(bytes)),
                        to));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    static ControlSettings settings(List<AgentSpec> agents, int heartbeatMisses, boolean pollSilent,
            Duration pollEvery) {
        return new ControlSettings(ip("192.0.2.1"), 434, agents,
                new HaChoice.HashOfHome(), Duration.ofSeconds(2), HEARTBEAT, heartbeatMisses, pollSilent, pollEvery,
                Duration.ofMillis(500), Duration.ofSeconds(2), SNAPSHOT_STALL, SWITCHOVER_WAIT, 1200, TICK);
    }

    void heartbeats() {
        has.values().stream().filter(h -> !dead.contains(h.nodeId)).forEach(h -> h.endpoint.heartbeat());
    }

    /** Moves time by {@code span}, tick by tick: heartbeats of the living, deliveries, the control node's tick. */
    void run(Duration span) {
        for (Duration done = Duration.ZERO; done.compareTo(span) < 0; done = done.plus(TICK)) {
            clock.advance(TICK);
            sinceHeartbeat = sinceHeartbeat.plus(TICK);
            if (sinceHeartbeat.compareTo(HEARTBEAT) >= 0) {
                sinceHeartbeat = Duration.ZERO;
                heartbeats();
            }
            network.deliverAll();
            core.tick();
            if (standby != null) {
                standby.tick();
            }
            network.deliverAll();
        }
    }

    /** kill -9: nothing reaches it any more, it sends nothing. */
    void kill(int nodeId) {
        dead.add(nodeId);
        network.takeDown(has.get(nodeId).address);
    }

    static byte[] request(String home, String homeAgent, String careOf, long identification, int lifetime) {
        return request(0, home, homeAgent, careOf, identification, lifetime);
    }

    static byte[] request(int flags, String home, String homeAgent, String careOf, long identification, int lifetime) {
        ByteBuf out = Unpooled.buffer();
        MipCodec.standard().encode(new RegistrationRequest(flags, lifetime, ip(home), ip(homeAgent), ip(careOf),
                identification, List.of()), out, MessageSigner.NONE);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /** A mobile node at {@code careOf} registers {@code home} with the public address; delivered at once. */
    /** What the control node says of HA {@code nodeId}. */
    ControlCore.AgentView view(int nodeId) {
        return core.view().stream().filter(v -> v.nodeId() == nodeId).findFirst().orElseThrow();
    }

    /** Mobiles 10.1.0.i from care-of 203.0.113.i, i = 1 to {@code count}, identifications {@code first} + i. */
    void registerMobiles(int count, long first) {
        for (int i = 1; i <= count; i++) {
            register("10.1.0." + i, "203.0.113." + i, first + i);
        }
    }

    void register(String home, String careOf, long identification) {
        register(0, home, careOf, identification, 600);
    }

    /** As {@link #register(String, String, long)} with these flags (RFC 5944 §3.3) and lifetime (0: deregistration). */
    void register(int flags, String home, String careOf, long identification, int lifetime) {
        core.request(request(flags, home, "192.0.2.1", careOf, identification, lifetime),
                new InetSocketAddress(ip(careOf), 434), PUBLIC);
        network.deliverAll();
    }
}
