package net.homeagent.group;

import static net.homeagent.group.TestBindings.binding;
import static net.homeagent.group.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.group.wire.SyncCodec;
import net.homeagent.group.wire.SyncMessage.StateChange;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.api.testing.RecordingBindingListener;
import net.homeagent.peer.PeerChannel;

/** The active member's changes reach a standby's table, in any order, once. */
class ReplicationTest {

    private final MutableClock clock = MutableClock.at("2026-12-06T03:00:00Z");
    private final FakePeerNetwork network = new FakePeerNetwork();
    private final GroupCounters activeCounters = new GroupCounters();
    private final GroupCounters standbyCounters = new GroupCounters();
    private final FakeBindingStore active = new FakeBindingStore();
    private final FakeBindingStore standby = new FakeBindingStore();
    private final RecordingBindingListener standbyEvents = new RecordingBindingListener();
    private final ChangeApplier applier = new ChangeApplier(standby, clock, standbyCounters, Duration.ofSeconds(60));
    private final FakePeerNetwork.FakeLink standbyLink;
    private MemberState activeState = MemberState.ACTIVE;

    ReplicationTest() {
        standbyLink = network.link(2);
        standbyLink.open(1, message -> applier.apply(message,
                (StateChange) SyncCodec.decode(message.payload(), clock.instant())));
        active.listen(sender(1, active, new GroupTerm(16), activeCounters));
        standby.listen(standbyEvents);
    }

    /** A member that replicates {@code store}'s local changes to the standby, active in a term above {@code terms}'. */
    private ChangeReplicator sender(int nodeId, FakeBindingStore store, GroupTerm terms, GroupCounters counters) {
        PeerChannel channel = network.link(nodeId).open(1, message -> {
        });
        GroupMembers members = new GroupMembers(nodeId, clock, Duration.ofDays(1));
        members.heard(standbyLink.node, MemberState.STANDBY);
        terms.begin();
        return new ChangeReplicator(store, () -> activeState, terms, members, channel, clock, counters,
                (home, delivery) -> {
                });
    }

    @Test
    void aLateChangeOfThePreviousActiveMembersTermNeverOverwritesTheNewOnes() {
        active.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        active.register(binding("10.1.0.2", "198.51.100.7", clock.instant(), 300), false);
        List<FakePeerNetwork.Flight> late = network.hold(); // term 1, retransmitted by the link later
        GroupTerm learned = new GroupTerm(16);
        learned.observe(1);
        FakeBindingStore next = new FakeBindingStore();
        next.listen(sender(3, next, learned, new GroupCounters()));
        Binding moved = binding("10.1.0.1", "203.0.113.4", clock.instant(), 300);
        next.register(moved, false);
        next.register(binding("10.1.0.2", "203.0.113.4", clock.instant(), 300), false);
        next.removeAll(ip("10.1.0.2"), RemovalReason.DEREGISTERED);
        network.deliverAll();

        late.forEach(network::deliver);

        assertThat(learned.tenure().orElseThrow().term()).isEqualTo(2);
        assertThat(standby.find(ip("10.1.0.1"))).containsExactly(moved);
        assertThat(standby.find(ip("10.1.0.2"))).isEmpty(); // the tombstone keeps term 2
        assertThat(standbyCounters.get("stale-term-ignored")).isEqualTo(2);
        assertThat(standbyCounters.get("replication-applied")).isEqualTo(3);
    }

    @Test
    void everyKindOfLocalChangeReachesTheStandby() {
        Binding first = binding("10.1.0.1", "198.51.100.7", clock.instant(), 300);
        active.register(first, false);
        network.deliverAll();
        assertThat(standby.find(ip("10.1.0.1"))).containsExactly(first);
        assertThat(standbyEvents.events()).extracting(BindingEvent::origin).containsOnly(ChangeOrigin.REPLICATED);

        clock.advance(Duration.ofSeconds(100));
        Binding renewed = binding("10.1.0.1", "198.51.100.7", clock.instant(), 300);
        active.register(renewed, false);
        Binding moved = binding("10.1.0.1", "203.0.113.4", clock.instant(), 300);
        active.register(moved, false);
        network.deliverAll();
        assertThat(standby.find(ip("10.1.0.1"))).containsExactly(moved);

        Binding other = binding("10.1.0.2", "203.0.113.5", clock.instant(), 10);
        active.register(other, false);
        network.deliverAll();
        clock.advance(Duration.ofSeconds(11));
        active.expireAt(clock.instant());
        active.removeAll(ip("10.1.0.1"), RemovalReason.DEREGISTERED);
        network.deliverAll();

        assertThat(standby.size()).isZero();
        assertThat(standbyEvents.events()).filteredOn(e -> e.type() == BindingEvent.Type.REMOVED)
                .extracting(e -> e.reason().orElseThrow()).contains(RemovalReason.EXPIRED, RemovalReason.DEREGISTERED);
        assertThat(standbyCounters.get("replication-stale")).isZero();
    }

    @Test
    void anOlderOrDuplicatedStateNeverOverwritesANewerOne() {
        active.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        Binding newest = binding("10.1.0.1", "203.0.113.4", clock.instant(), 300);
        active.register(newest, false);
        List<FakePeerNetwork.Flight> held = new ArrayList<>(network.hold());
        Collections.reverse(held);

        held.forEach(network::deliver);
        held.forEach(network::deliver);

        assertThat(standby.find(ip("10.1.0.1"))).containsExactly(newest);
        assertThat(standbyCounters.get("replication-applied")).isEqualTo(1);
        assertThat(standbyCounters.get("replication-stale")).isEqualTo(3);
    }

    @Test
    void aDeleteOfAnUnknownHomeLeavesATombstoneThatStopsALateAddUntilItIsPurged() {
        active.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        FakePeerNetwork.Flight add = network.hold().get(0);
        active.removeAll(ip("10.1.0.1"), RemovalReason.DEREGISTERED);

        network.deliverAll();
        network.deliver(add);

        assertThat(standby.size()).isZero();
        assertThat(standbyCounters.get("tombstones-unknown-home")).isEqualTo(1);
        assertThat(applier.tombstones()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(applier.purgeTombstones()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(applier.purgeTombstones()).isEqualTo(1);
        assertThat(applier.tombstones()).isZero();
    }

    @Test
    void aStandbyNeverSendsAndReplicatedChangesAreNotSentAgain() {
        activeState = MemberState.STANDBY;
        active.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        activeState = MemberState.ACTIVE;
        active.register(binding("10.1.0.2", "198.51.100.7", clock.instant(), 300), false, ChangeOrigin.REPLICATED);
        active.register(binding("10.1.0.3", "198.51.100.7", clock.instant(), 300), false, ChangeOrigin.DOWNLOADED);

        assertThat(network.inFlight()).isEmpty();
        assertThat(activeCounters.get("local-changes-not-active")).isEqualTo(1);
    }
}
