package net.homeagent.hacn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.hacn.FakeNetwork;
import net.homeagent.hacn.wire.HacnCodec;
import net.homeagent.hacn.wire.HacnMessage;
import net.homeagent.hacn.wire.HacnMessage.Activate;
import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.hacn.wire.HacnMessage.ChangeReport;
import net.homeagent.hacn.wire.HacnMessage.FailingInterrupt;
import net.homeagent.hacn.wire.HacnMessage.ForwardedReply;
import net.homeagent.hacn.wire.HacnMessage.ForwardedRequest;
import net.homeagent.hacn.wire.HacnMessage.Heartbeat;
import net.homeagent.hacn.wire.HacnMessage.Poll;
import net.homeagent.hacn.wire.HacnMessage.PollAnswer;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.hacn.wire.HacnMessage.SnapshotRequest;
import net.homeagent.hacn.wire.HacnMessage.StandBy;
import net.homeagent.hacn.wire.SnapshotChunks;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationDecision;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;

class AgentEndpointTest {

    static final InetSocketAddress HACN = new InetSocketAddress(ip("10.0.0.1"), 7434);
    static final InetSocketAddress HA = new InetSocketAddress(ip("10.0.0.2"), 7434);
    static final InetSocketAddress PUBLIC = new InetSocketAddress(ip("192.0.2.1"), 434);
    static final InetSocketAddress MOBILE = new InetSocketAddress(ip("198.51.100.7"), 1434);

    final MutableClock clock = MutableClock.at("2026-12-06T06:00:00Z");
    final FakeNetwork network = new FakeNetwork();
    final PeerLink hacnLink = network.node(100, HACN);
    final PeerLink stranger = network.node(55, new InetSocketAddress(ip("10.0.0.9"), 7434));
    final List<HacnMessage> atHacn = new ArrayList<>();
    final FakeBindingStore store = new FakeBindingStore();
    final List<InboundRegistration> processed = new ArrayList<>();
    final AtomicReference<CompletableFuture<RegistrationDecision>> nextDecision = new AtomicReference<>();
    final List<ApplianceEvent> events = new ArrayList<>();
    final PeerChannel hacn = hacnLink.open(2, m -> atHacn.add(decode(m.payload())));

    static Inet4Address ip(String text) {
        return Ipv4.parse(text).orElseThrow();
    }

    HacnMessage decode(byte[] payload) {
        try {
            return HacnCodec.decode(payload, clock.instant());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A registration service that binds every request's home address and answers 0, or what the test sets. */
    final RegistrationService service = registration -> {
        processed.add(registration);
        CompletableFuture<RegistrationDecision> set = nextDecision.getAndSet(null);
        if (set != null) {
            return set;
        }
        RegistrationRequest r = registration.request();
        store.register(binding(r.homeAddress(), r.careOfAddress()), false);
        RegistrationReply reply = new RegistrationReply(0, r.lifetime(), r.homeAddress(), r.homeAgent(),
                r.identification(), List.of());
        return CompletableFuture.completedFuture(RegistrationDecision.reply(reply, MessageSigner.NONE)
                .afterDurable(store.sync()));
    };

    Binding binding(Inet4Address home, Inet4Address careOf) {
        return new Binding(home, careOf, ip("192.0.2.1"), ip("198.51.100.7"), 434, Optional.empty(), 600, clock.instant(),
                clock.instant().plusSeconds(600), 7, 0, Encapsulation.IP_IN_IP, false);
    }

    AgentEndpoint agent(boolean redundant) {
        AgentEndpoint agent = new AgentEndpoint(new AgentSettings(100, HACN, Duration.ofSeconds(1), redundant, 1200),
                network.node(1, HA), service, store, clock, events::add);
        store.listen(agent::bindingChanged);
        return agent;
    }

    static byte[] request(String home, long identification) {
        ByteBuf out = Unpooled.buffer();
        MipCodec.standard().encode(new RegistrationRequest(0, 600, ip(home), ip("192.0.2.1"), ip("198.51.100.7"),
                identification, List.of()), out, MessageSigner.NONE);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    void fromHacn(HacnMessage message) {
        hacn.send(HA, HacnCodec.encode(message, clock.instant()));
        network.deliverAll();
    }

    <T> List<T> received(Class<T> type) {
        return atHacn.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aForwardedRequestIsProcessedAsIfItCameToThePublicAddressAndAnsweredWhenDurable() throws Exception {
        agent(false);
        store.holdSyncs();
        fromHacn(new ForwardedRequest(9, MOBILE, PUBLIC, request("10.1.0.5", 77)));

        assertThat(processed).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(MOBILE);
            assertThat(r.receivedOn()).isEqualTo(PUBLIC);
            assertThat(r.request().homeAddress()).isEqualTo(ip("10.1.0.5"));
        });
        assertThat(received(ForwardedReply.class)).as("no reply before the change is durable").isEmpty();

        store.completeSyncs();
        network.deliverAll();
        ForwardedReply reply = received(ForwardedReply.class).get(0);
        assertThat(reply.requestId()).isEqualTo(9);
        var decoded = (RegistrationReply) MipCodec.standard().decode(Unpooled.wrappedBuffer(reply.reply().orElseThrow()));
        assertThat(decoded.code()).isZero();
        assertThat(decoded.identification()).isEqualTo(77);
        assertThat(reply.bindings()).extracting(Binding::careOfAddress).containsExactly(ip("198.51.100.7"));
    }

    @Test
    void aDiscardIsAnsweredWithoutReplyAndAMalformedRequestAsTheHomeAgentWould() throws Exception {
        agent(false);
        nextDecision.set(CompletableFuture.completedFuture(RegistrationDecision.discard("superseded")));
        fromHacn(new ForwardedRequest(1, MOBILE, PUBLIC, request("10.1.0.5", 1)));
        byte[] headerOnly = java.util.Arrays.copyOf(request("10.1.0.6", 2), 26);
        headerOnly[24] = 32; // an MN-HA authentication extension whose length overruns the message
        headerOnly[25] = (byte) 200;
        fromHacn(new ForwardedRequest(2, MOBILE, PUBLIC, headerOnly));
        fromHacn(new ForwardedRequest(3, MOBILE, PUBLIC, new byte[] {1, 2}));
        network.deliverAll();

        List<ForwardedReply> replies = received(ForwardedReply.class);
        assertThat(replies).extracting(ForwardedReply::requestId).containsExactly(1L, 2L, 3L);
        assertThat(replies.get(0).reply()).isEmpty();
        var poorlyFormed = (RegistrationReply) MipCodec.standard().decode(
                Unpooled.wrappedBuffer(replies.get(1).reply().orElseThrow()));
        assertThat(poorlyFormed.code()).isEqualTo(134);
        assertThat(replies.get(2).reply()).as("no header, nothing to answer").isEmpty();
    }

    @Test
    void everyChangeIsReportedAsTheHomeAddressWholeStateInSequence() {
        agent(false);
        Binding first = binding(ip("10.1.0.5"), ip("203.0.113.1"));
        store.register(first, false);
        clock.advance(Duration.ofSeconds(10));
        Binding moved = binding(ip("10.1.0.5"), ip("203.0.113.2"));
        store.register(moved, false); // care-of change: the old one REPLACED, not reported on its own
        store.remove(ip("10.1.0.5"), ip("203.0.113.2"), RemovalReason.DEREGISTERED);
        store.register(binding(ip("10.1.0.8"), ip("203.0.113.2")), false, ChangeOrigin.DOWNLOADED);
        network.deliverAll();

        List<ChangeReport> reports = received(ChangeReport.class);
        assertThat(reports).extracting(ChangeReport::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(reports.get(0).bindings()).extracting(Binding::careOfAddress).containsExactly(ip("203.0.113.1"));
        assertThat(reports.get(1).bindings()).extracting(Binding::careOfAddress).containsExactly(ip("203.0.113.2"));
        assertThat(reports.get(2).bindings()).isEmpty();
        assertThat(reports.get(3).homeAddress()).isEqualTo(ip("10.1.0.8"));
    }

    @Test
    void heartbeatsPollAnswersAndSnapshotsTellTheSequenceTheTableAndTheRole() throws Exception {
        AgentEndpoint agent = agent(false);
        for (int i = 1; i <= 40; i++) {
            store.register(binding(ip("10.1.0." + i), ip("203.0.113.1")), false);
        }
        agent.heartbeat();
        fromHacn(new Poll(3));
        fromHacn(new SnapshotRequest(12));
        network.deliverAll();

        assertThat(received(Heartbeat.class)).containsExactly(new Heartbeat(40, 40, AgentRole.ACTIVE));
        assertThat(received(PollAnswer.class)).containsExactly(new PollAnswer(3, 40, 40, AgentRole.ACTIVE));
        List<SnapshotChunk> chunks = received(SnapshotChunk.class);
        assertThat(chunks).hasSize(2).allSatisfy(c -> {
            assertThat(c.transferId()).isEqualTo(12);
            assertThat(c.count()).isEqualTo(2);
            assertThat(c.sequence()).isEqualTo(40);
        });
        assertThat(chunks.stream().mapToInt(c -> c.bindings().size()).sum()).isEqualTo(40);
    }

    @Test
    void aRedundantHaServesNothingUntilEveryChunkArrivedAndTheControlNodeActivatesIt() {
        AgentEndpoint agent = agent(true);
        List<Boolean> told = new ArrayList<>();
        agent.authority().addWatcher(told::add);
        assertThat(agent.authority().serving()).isFalse();
        List<Binding> failedHas = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            failedHas.add(binding(ip("10.2.0." + i), ip("203.0.113.3")));
        }
        List<byte[]> chunks = SnapshotChunks.encode(4, 0, failedHas, 1200, clock.instant());
        assertThat(chunks).hasSize(2);
        hacn.send(HA, chunks.get(0));
        network.deliverAll();
        fromHacn(new Activate(4, 2));
        assertThat(agent.authority().serving()).as("a chunk is missing").isFalse();
        assertThat(agent.counters().get("activations-incomplete")).isEqualTo(1);

        chunks.forEach(c -> hacn.send(HA, c));
        network.deliverAll();
        fromHacn(new Activate(4, 2));

        assertThat(store.size()).isEqualTo(30);
        assertThat(store.find(ip("10.2.0.7")).get(0).remainingSeconds(clock.instant())).isEqualTo(600);
        assertThat(agent.authority().serving()).isTrue();
        assertThat(told).containsExactly(true);
        assertThat(agent.role()).isEqualTo(AgentRole.ACTIVATED);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("to", "activated"));
        agent.heartbeat();
        network.deliverAll();
        assertThat(received(Heartbeat.class).get(0).role()).isEqualTo(AgentRole.ACTIVATED);
    }

    @Test
    void anHaToldToStandByStopsServingClearsItsTableAndThenTakesDownloads() {
        AgentEndpoint agent = agent(false);
        List<Boolean> told = new ArrayList<>();
        agent.authority().addWatcher(told::add);
        for (int i = 1; i <= 5; i++) {
            store.register(binding(ip("10.1.0." + i), ip("203.0.113.3")), false);
        }
        agent.interrupt("backup write failed");
        network.deliverAll();
        atHacn.clear();

        fromHacn(new StandBy(3));

        assertThat(store.size()).isZero();
        assertThat(agent.authority().serving()).isFalse();
        assertThat(told).containsExactly(false);
        assertThat(agent.role()).isEqualTo(AgentRole.STANDING_BY);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("role", "hacn-agent")
                .containsEntry("from", "active").containsEntry("to", "standing-by"));
        assertThat(received(ChangeReport.class)).hasSize(5).allSatisfy(r -> assertThat(r.bindings()).isEmpty());
        agent.heartbeat();
        network.deliverAll();
        assertThat(received(Heartbeat.class)).singleElement().satisfies(h -> {
            assertThat(h.role()).isEqualTo(AgentRole.STANDING_BY);
            assertThat(h.bindings()).isZero();
        });

        fromHacn(new StandBy(3)); // again: nothing changes, nothing published
        assertThat(events).hasSize(1);
        assertThat(agent.counters().get("stand-by-orders")).isEqualTo(2);

        hacn.send(HA, SnapshotChunks.encode(8, 0, List.of(binding(ip("10.2.0.1"), ip("203.0.113.4"))), 1200,
                clock.instant()).get(0));
        network.deliverAll();
        fromHacn(new Activate(8, 1));
        assertThat(store.size()).isEqualTo(1);
        assertThat(agent.role()).isEqualTo(AgentRole.ACTIVATED);
        assertThat(told).containsExactly(false, true);

        agent.interrupt("data-plane: tun gone"); // told again after the order to stand by
        network.deliverAll();
        assertThat(received(FailingInterrupt.class)).singleElement()
                .satisfies(i -> assertThat(i.reason()).isEqualTo("data-plane: tun gone"));
    }

    @Test
    void anActiveHaTakesNoDownloadAndStrangersAndGarbageAreDroppedAndCounted() {
        AgentEndpoint agent = agent(false);
        fromHacn(new SnapshotChunk(1, 0, 1, 0, List.of(binding(ip("10.2.0.1"), ip("203.0.113.3")))));
        stranger.open(2, m -> { }).send(HA, HacnCodec.encode(new Poll(1), clock.instant()));
        hacn.send(HA, new byte[] {1, 42});
        network.deliverAll();

        assertThat(store.size()).isZero();
        assertThat(agent.counters().get("dropped-unexpected")).isEqualTo(1);
        assertThat(agent.counters().get("dropped-unknown-node")).isEqualTo(1);
        assertThat(agent.counters().get("dropped-malformed")).isEqualTo(1);
        assertThat(received(PollAnswer.class)).isEmpty();
    }

    @Test
    void theInterruptGoesOnceWhenTheBackupOrTheDataPlaneFails() {
        AgentEndpoint agent = agent(false);
        agent.eventPublished(ApplianceEvent.of(ApplianceEvent.Kind.FAILURE, Instant.now(), "snmp", "agent down",
                java.util.Map.of()));
        network.deliverAll();
        assertThat(received(FailingInterrupt.class)).as("not a failure of this HA's service").isEmpty();

        nextDecision.set(CompletableFuture.completedFuture(RegistrationDecision.reply(new RegistrationReply(0, 600,
                ip("10.1.0.5"), ip("192.0.2.1"), 1, List.of()), MessageSigner.NONE)
                .afterDurable(CompletableFuture.failedFuture(new java.io.IOException("disk full")))));
        fromHacn(new ForwardedRequest(1, MOBILE, PUBLIC, request("10.1.0.5", 1)));
        agent.eventPublished(ApplianceEvent.of(ApplianceEvent.Kind.FAILURE, Instant.now(), "data-plane", "tun gone",
                java.util.Map.of()));
        network.deliverAll();

        assertThat(received(ForwardedReply.class).get(0).reply()).as("the reply goes all the same").isPresent();
        assertThat(received(FailingInterrupt.class)).singleElement()
                .satisfies(i -> assertThat(i.reason()).contains("backup write failed"));
    }
}
