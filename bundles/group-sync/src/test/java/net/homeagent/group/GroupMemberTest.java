package net.homeagent.group;

import static net.homeagent.group.TestBindings.binding;
import static net.homeagent.group.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.group.wire.SyncCodec;
import net.homeagent.group.wire.SyncMessage.LearnChunk;
import net.homeagent.group.wire.SyncMessage.MemberAnnounce;
import net.homeagent.group.wire.SyncMessage.StateChange;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.api.testing.RecordingBindingListener;
import net.homeagent.peer.vrrp.KeepalivedNotice;

/** Members on an in-memory peer link: learn state, designated responder, replication after learning. */
class GroupMemberTest {

    private static final Duration LEARN_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration GAP_REPAIR = Duration.ofMillis(500);

    @TempDir
    Path folder;

    private final MutableClock clock = MutableClock.at("2026-12-06T03:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakePeerNetwork network = new FakePeerNetwork();
    private final Map<Integer, FakeBindingStore> stores = new HashMap<>();
    private final Map<Integer, FakePeerNetwork.FakeLink> links = new HashMap<>();
    private final List<ApplianceEvent> events = new ArrayList<>();
    private int chunkBytes = 1200;
    private int ringSize = 64;

    private GroupMember member(int nodeId) {
        FakeBindingStore store = stores.computeIfAbsent(nodeId, n -> new FakeBindingStore());
        FakePeerNetwork.FakeLink link = links.computeIfAbsent(nodeId, network::link);
        GroupSettings settings = new GroupSettings("VI_HA", "192.0.2.1", Optional.empty(),
                Optional.of(folder.resolve("learning-" + nodeId)), false, true, Duration.ofMillis(100),
                Duration.ofMillis(500), LEARN_TIMEOUT, Duration.ofMillis(500), Duration.ofSeconds(2),
                Duration.ofSeconds(60), chunkBytes, GAP_REPAIR, ringSize);
        GroupMember member = new GroupMember(settings, link, store, new StoreSnapshots(store), clock, scheduler,
                events::add);
        store.listen(member.replicator());
        return member;
    }

    /** Starts the member and lets the group talk until it has learned. */
    private void startAndSettle(GroupMember member) {
        member.start();
        network.deliverAll();
    }

    private GroupMember activeAlone(int nodeId) {
        GroupMember member = member(nodeId);
        member.start();
        network.deliverAll();
        scheduler.advance(LEARN_TIMEOUT);
        member.keepalived(new KeepalivedNotice("INSTANCE", "VI_HA", "MASTER"));
        network.deliverAll();
        return member;
    }

    private String track(int nodeId) throws Exception {
        return Files.readString(folder.resolve("learning-" + nodeId)).strip();
    }

    @Test
    void aMemberAloneServesItsOwnBackupAfterTheLearnTimeout() throws Exception {
        GroupMember member = member(1);
        stores.get(1).register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false,
                ChangeOrigin.RESTORED);

        member.start();
        network.deliverAll();
        assertThat(member.state()).isEqualTo(MemberState.LEARN);
        assertThat(track(1)).isEqualTo("1");
        scheduler.advance(LEARN_TIMEOUT);

        assertThat(member.state()).isEqualTo(MemberState.STANDBY);
        assertThat(track(1)).isEqualTo("0");
        assertThat(stores.get(1).size()).isEqualTo(1);
        assertThat(member.lastLearn().orElseThrow().from()).isEmpty();
        assertThat(member.counters().get("learn-requests-sent")).isEqualTo(6); // at 0, 0.5 ... 2.5 s
        assertThat(events).extracting(ApplianceEvent::text).contains("group-member: learn -> standby (alone)");
        assertThat(events.get(events.size() - 1).details()).containsEntry("node", "1").containsEntry("from", "learn")
                .containsEntry("to", "standby");
    }

    @Test
    void aJoiningMemberLearnsTheActiveMembersTableThenGetsEveryChange() throws Exception {
        chunkBytes = 216;
        GroupMember active = activeAlone(1);
        assertThat(active.state()).isEqualTo(MemberState.ACTIVE);
        for (int i = 1; i <= 20; i++) {
            stores.get(1).register(binding("10.1.0." + i, "198.51.100.7", clock.instant(), 300), false);
        }
        RecordingBindingListener joinerEvents = new RecordingBindingListener();
        stores.computeIfAbsent(2, n -> new FakeBindingStore()).listen(joinerEvents);
        stores.get(2).register(binding("10.9.9.9", "198.51.100.7", clock.instant(), 300), false, ChangeOrigin.RESTORED);

        GroupMember joiner = member(2);
        startAndSettle(joiner);

        assertThat(joiner.state()).isEqualTo(MemberState.STANDBY);
        assertThat(track(2)).isEqualTo("0");
        assertThat(stores.get(2).list(b -> true)).isEqualTo(stores.get(1).list(b -> true));
        assertThat(joinerEvents.events()).filteredOn(e -> e.type() == BindingEvent.Type.ADDED
                && e.origin() == ChangeOrigin.DOWNLOADED).hasSize(20);
        Learner.LastLearn learned = joiner.lastLearn().orElseThrow();
        assertThat(learned.from()).contains(1);
        assertThat(learned.chunks()).isEqualTo(5); // 20 bindings of 42 bytes, 4 per 216-byte chunk (35 bytes before them)
        assertThat(learned.result().removed()).isEqualTo(1);
        assertThat(joiner.members().get(1)).isPresent();
        assertThat(active.members().get(2).orElseThrow().state()).isEqualTo(MemberState.STANDBY);

        stores.get(1).register(binding("10.1.0.99", "198.51.100.8", clock.instant(), 300), false);
        network.deliverAll();
        assertThat(stores.get(2).find(ip("10.1.0.99"))).hasSize(1);
    }

    @Test
    void aChangeThatArrivesWhileLearningIsNewerThanTheTable() {
        activeAlone(1);
        stores.get(1).register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        GroupMember joiner = member(2);
        joiner.start();
        network.hold().forEach(network::deliver); // the request (and the joiner's heartbeat) reach node 1
        List<FakePeerNetwork.Flight> answer = network.hold(); // the table, still at 198.51.100.7

        stores.get(1).register(binding("10.1.0.1", "203.0.113.4", clock.instant(), 300), false);
        network.deliverAll();
        answer.forEach(network::deliver);

        assertThat(joiner.state()).isEqualTo(MemberState.STANDBY);
        assertThat(stores.get(2).find(ip("10.1.0.1"))).extracting(b -> b.careOfAddress().getHostAddress())
                .containsExactly("203.0.113.4");
        assertThat(joiner.lastLearn().orElseThrow().result().keptNewer()).isEqualTo(1);
    }

    @Test
    void theActiveMemberAnswersAndAStandbyLeavesItToIt() {
        activeAlone(1);
        GroupMember standby = member(3);
        startAndSettle(standby);
        assertThat(standby.state()).isEqualTo(MemberState.STANDBY);

        GroupMember joiner = member(2);
        startAndSettle(joiner);

        assertThat(joiner.lastLearn().orElseThrow().from()).contains(1);
        assertThat(standby.counters().get("learn-requests-left-to-others")).isEqualTo(1);
        assertThat(joiner.members().get(3)).isPresent();
    }

    @Test
    void membersStartingTogetherAnswerNotInitializedAndEachServesItsOwnBackup() {
        GroupMember one = member(1);
        GroupMember two = member(2);
        one.start();
        two.start();
        network.deliverAll();

        scheduler.advance(LEARN_TIMEOUT);

        assertThat(one.state()).isEqualTo(MemberState.STANDBY);
        assertThat(two.state()).isEqualTo(MemberState.STANDBY);
        assertThat(one.counters().get("learn-not-initialized")).isPositive();
        assertThat(one.members().get(2)).isPresent();
    }

    @Test
    void aResponderKeepsAtMostItsWindowOfChunksUnacknowledged() {
        chunkBytes = 200; // 3 bindings of 42 bytes after the 35-byte header: 300 bindings are 100 chunks
        GroupMember active = activeAlone(1);
        for (int i = 1; i <= 300; i++) {
            stores.get(1).register(binding("10.1." + (i / 250) + "." + (i % 250 + 1), "198.51.100.7", clock.instant(), 300),
                    false);
        }
        GroupMember joiner = member(2);
        joiner.start();
        network.hold().forEach(network::deliver); // the learn request

        List<FakePeerNetwork.Flight> first = network.hold();
        assertThat(first).hasSize(LearnResponder.CHUNKS_IN_FLIGHT);
        network.deliver(first.get(0));
        assertThat(network.hold()).as("one acknowledged, one more sent").hasSize(1)
                .allSatisfy(network::deliver);
        first.subList(1, first.size()).forEach(network::deliver);
        network.deliverAll();

        assertThat(joiner.state()).isEqualTo(MemberState.STANDBY);
        assertThat(joiner.lastLearn().orElseThrow().chunks()).isEqualTo(100);
        assertThat(stores.get(2).size()).isEqualTo(300);
        assertThat(active.counters().get("learn-chunks-sent")).isEqualTo(100);
    }

    @Test
    void aLearnerThatHearsALearnedMemberAliveWaitsForItInsteadOfServingItsOwnBackup() {
        activeAlone(1);
        stores.get(1).register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        GroupMember joiner = member(2);
        joiner.start();
        // every learn request the joiner sends is lost; the active member's heartbeats arrive
        for (int step = 0; step < 2 * LEARN_TIMEOUT.toMillis() / 100; step++) {
            network.hold().stream().filter(f -> f.from().node.nodeId() != 2).forEach(network::deliver);
            scheduler.advance(Duration.ofMillis(100));
        }

        assertThat(joiner.state()).isEqualTo(MemberState.LEARN);
        assertThat(joiner.counters().get("learn-waiting-for-group")).isPositive();
        assertThat(joiner.counters().get("learns-alone")).isZero();
        scheduler.advance(Duration.ofMillis(500)); // asks again, and now the request gets through
        network.deliverAll();
        assertThat(joiner.state()).isEqualTo(MemberState.STANDBY);
        assertThat(stores.get(2).size()).isEqualTo(1);
    }

    @Test
    void aResponderThatStopsHalfWayMakesTheLearnerAskAgain() {
        chunkBytes = 200;
        GroupMember active = activeAlone(1);
        for (int i = 1; i <= 9; i++) {
            stores.get(1).register(binding("10.1.0." + i, "198.51.100.7", clock.instant(), 300), false);
        }
        GroupMember joiner = member(2);
        joiner.start();
        network.hold().forEach(network::deliver);
        List<FakePeerNetwork.Flight> chunks = network.hold();
        network.deliver(chunks.get(0));

        scheduler.advance(LEARN_TIMEOUT);
        network.deliverAll();

        assertThat(joiner.counters().get("learn-restarted")).isEqualTo(1);
        assertThat(joiner.state()).isEqualTo(MemberState.STANDBY);
        assertThat(stores.get(2).size()).isEqualTo(9);
        chunks.forEach(network::deliver);
        assertThat(joiner.counters().get("learn-chunks-stale")).isPositive();
        assertThat(active.state()).isEqualTo(MemberState.ACTIVE);
    }

    @Test
    void aMemberBecomingActiveTakesATermAboveTheOneItLearned() {
        GroupMember first = activeAlone(1);
        stores.get(1).register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        GroupMember second = member(2);
        startAndSettle(second);
        assertThat(second.snapshot().term()).isEqualTo(1);

        first.keepalived(new KeepalivedNotice("INSTANCE", "VI_HA", "BACKUP"));
        second.keepalived(new KeepalivedNotice("INSTANCE", "VI_HA", "MASTER"));
        network.deliverAll();
        stores.get(2).register(binding("10.1.0.1", "203.0.113.4", clock.instant(), 300), false);
        network.deliverAll();

        assertThat(second.snapshot().term()).isEqualTo(2);
        assertThat(second.snapshot().lastSequence()).isEqualTo(1);
        assertThat(first.snapshot().term()).isEqualTo(2);
        assertThat(stores.get(1).find(ip("10.1.0.1"))).extracting(b -> b.careOfAddress().getHostAddress())
                .containsExactly("203.0.113.4");
    }

    @Test
    void anActiveMemberTakesANewTermWhenAMemberThatIsNotActiveHoldsAHigherOne() {
        GroupMember active = activeAlone(1); // restarted alone: it forgot the group's terms, took term 1
        List<StateChange> received = new ArrayList<>();
        var peer = network.link(9).open(GroupMember.SERVICE, message -> {
            if (SyncCodec.decode(message.payload(), clock.instant()) instanceof StateChange change) {
                received.add(change);
            }
        });

        peer.announce(SyncCodec.encode(new MemberAnnounce(MemberState.STANDBY, 5), clock.instant()));
        network.deliverAll();
        stores.get(1).register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        network.hold().stream().filter(f -> f.to().nodeId() == 9 && f.payload()[1] == 1).forEach(network::deliver);

        assertThat(active.counters().get("terms-raised")).isEqualTo(1);
        assertThat(received).extracting(StateChange::term, StateChange::sequence).containsExactly(tuple(6L, 1L));

        peer.announce(SyncCodec.encode(new MemberAnnounce(MemberState.ACTIVE, 9), clock.instant()));
        network.deliverAll();
        assertThat(active.counters().get("terms-raised")).isEqualTo(1); // no outbidding of another active member
        assertThat(active.snapshot().term()).isEqualTo(9);
        var standby = network.link(8).open(GroupMember.SERVICE, message -> {
        });
        standby.announce(SyncCodec.encode(new MemberAnnounce(MemberState.STANDBY, 9), clock.instant()));
        network.deliverAll();
        assertThat(active.counters().get("terms-raised")).isEqualTo(1); // nor through a standby that heard of it
    }

    /** The sequence number of a state change in flight to {@code nodeId}, 0 for any other message. */
    private long changeTo(FakePeerNetwork.Flight flight, int nodeId) {
        return flight.to().nodeId() == nodeId && flight.payload()[1] == 1
                ? ((StateChange) SyncCodec.decode(flight.payload(), clock.instant())).sequence()
                : 0;
    }

    @Test
    void aGapTheLinkDidNotFillIsAskedForAndResentFromTheRing() {
        GroupMember active = activeAlone(1);
        GroupMember standby = member(2);
        startAndSettle(standby);
        for (int i = 1; i <= 3; i++) {
            stores.get(1).register(binding("10.1.0." + i, "198.51.100.7", clock.instant(), 300), false);
        }
        network.hold().stream().filter(f -> changeTo(f, 2) != 2).forEach(network::deliver); // the link gave up on #2

        assertThat(stores.get(2).find(ip("10.1.0.2"))).isEmpty();
        scheduler.advance(GAP_REPAIR.dividedBy(2));
        network.deliverAll();
        assertThat(standby.counters().get("gap-repair-requests")).isZero(); // the link may still bring it
        scheduler.advance(GAP_REPAIR);
        network.deliverAll();

        assertThat(stores.get(2).find(ip("10.1.0.2"))).hasSize(1);
        assertThat(standby.counters().get("gap-repair-requests")).isEqualTo(1);
        assertThat(active.counters().get("gap-repair-resent")).isEqualTo(1);
        scheduler.advance(GAP_REPAIR.multipliedBy(2));
        network.deliverAll();
        assertThat(standby.counters().get("gap-repair-requests")).isEqualTo(1);
        assertThat(standby.state()).isEqualTo(MemberState.STANDBY);
    }

    @Test
    void aGapThatLeftTheRingMakesTheMemberLearnAgain() {
        ringSize = 2;
        GroupMember active = activeAlone(1);
        GroupMember standby = member(2);
        startAndSettle(standby);
        for (int i = 1; i <= 4; i++) {
            stores.get(1).register(binding("10.1.0." + i, "198.51.100.7", clock.instant(), 300), false);
        }
        network.hold().stream().filter(f -> changeTo(f, 2) != 1).forEach(network::deliver);

        scheduler.advance(GAP_REPAIR);
        network.deliverAll();

        assertThat(active.counters().get("gap-repair-relearn")).isEqualTo(1);
        assertThat(standby.counters().get("standby->learn")).isEqualTo(1);
        assertThat(standby.counters().get("learns-completed")).isEqualTo(2);
        assertThat(standby.state()).isEqualTo(MemberState.STANDBY);
        assertThat(stores.get(2).list(b -> true)).extracting(b -> b.homeAddress().getHostAddress())
                .containsExactly("10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.0.4");
        scheduler.advance(GAP_REPAIR.multipliedBy(2));
        network.deliverAll();
        assertThat(standby.counters().get("gap-repair-requests")).isEqualTo(1); // the learned table closed the gap
    }

    @Test
    void theActiveMemberResendsWhatAMemberMissedWhileItWasSilent() {
        GroupMember active = activeAlone(1);
        GroupMember standby = member(2);
        startAndSettle(standby);
        stores.get(1).register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        network.deliverAll();

        scheduler.advance(Duration.ofMillis(2500)); // longer than the members' silence bound, 2 s
        network.hold(); // nothing of that time arrives
        stores.get(1).register(binding("10.1.0.2", "198.51.100.7", clock.instant(), 300), false);
        assertThat(network.inFlight()).isEmpty(); // a silent member gets no changes
        scheduler.advance(Duration.ofMillis(500));
        network.deliverAll();

        assertThat(stores.get(2).find(ip("10.1.0.2"))).hasSize(1);
        assertThat(active.counters().get("silent-member-resent")).isEqualTo(1);
        assertThat(standby.state()).isEqualTo(MemberState.STANDBY);
    }

    @Test
    void garbageFromAPeerIsDroppedAndCountedAndChangesNothing() {
        GroupMember member = activeAlone(1);
        FakePeerNetwork.FakeLink stranger = network.link(9);
        var channel = stranger.open(GroupMember.SERVICE, message -> {
        });
        channel.send(links.get(1).node.address(), new byte[] {1, 1, 0});
        channel.send(links.get(1).node.address(), SyncCodec.encode(new LearnChunk(5, 0, 1, MemberState.ACTIVE, 1, 1, List.of(),
                List.of(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300))), clock.instant()));

        network.deliverAll();

        assertThat(member.counters().get("dropped-malformed")).isEqualTo(1);
        assertThat(member.counters().get("learn-chunks-stale")).isEqualTo(1);
        assertThat(stores.get(1).size()).isZero();
    }
}
