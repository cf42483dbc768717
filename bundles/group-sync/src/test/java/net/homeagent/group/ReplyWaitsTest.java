package net.homeagent.group;

import static net.homeagent.group.TestBindings.binding;
import static net.homeagent.group.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.peer.PeerChannel;

/** A reply waits for the group's acknowledgements, never longer than the timeout. */
class ReplyWaitsTest {

    private final MutableClock clock = MutableClock.at("2026-12-06T03:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakePeerNetwork network = new FakePeerNetwork();
    private final GroupCounters counters = new GroupCounters();
    private final FakeBindingStore store = new FakeBindingStore();
    private GroupMembers members = new GroupMembers(1, clock, Duration.ofDays(1));

    private ReplyWaits waits(boolean enabled) {
        PeerChannel channel = network.link(1).open(1, message -> {
        });
        for (int node = 2; node <= 3; node++) {
            FakePeerNetwork.FakeLink link = network.link(node);
            link.open(1, message -> {
            });
            members.heard(link.node, MemberState.STANDBY);
        }
        ReplyWaits waits = new ReplyWaits(enabled, Duration.ofMillis(200), scheduler, members, counters);
        GroupTerm terms = new GroupTerm(16);
        terms.begin();
        store.listen(new ChangeReplicator(store, () -> MemberState.ACTIVE, terms, members, channel, clock, counters,
                waits::sent));
        return waits;
    }

    @Test
    void theReplyGoesOnceEveryMemberAcknowledged() {
        ReplyWaits waits = waits(true);
        store.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);

        CompletableFuture<Void> reply = waits.beforeReply(ip("10.1.0.1")).toCompletableFuture();
        assertThat(reply).isNotDone();
        var held = network.hold();
        network.deliver(held.get(0));
        assertThat(reply).isNotDone();
        network.deliver(held.get(1));

        assertThat(reply).isCompleted();
        assertThat(waits.unacknowledged()).isZero();
        assertThat(counters.get("replies-after-group")).isEqualTo(1);
        assertThat(waits.beforeReply(ip("10.1.0.1")).toCompletableFuture()).isCompleted();
    }

    @Test
    void aLaggingMemberHoldsTheReplyOnlyUntilTheTimeoutAndIsMarked() {
        ReplyWaits waits = waits(true);
        store.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        CompletableFuture<Void> reply = waits.beforeReply(ip("10.1.0.1")).toCompletableFuture();
        network.deliver(network.hold().get(0));

        scheduler.advance(Duration.ofMillis(199));
        assertThat(reply).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(reply).isCompleted();
        assertThat(counters.get("reply-wait-timeouts")).isEqualTo(1);
        assertThat(members.get(3).orElseThrow().lagging()).isTrue();
        assertThat(members.get(3).orElseThrow().lag()).isEqualTo(1);
        assertThat(members.get(2).orElseThrow().lagging()).isFalse();
    }

    @Test
    void aMemberMarkedLaggingIsNotWaitedForUntilItAcknowledgesAgain() {
        ReplyWaits waits = waits(true);
        store.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        waits.beforeReply(ip("10.1.0.1"));
        network.deliver(network.hold().get(0));
        scheduler.advance(Duration.ofMillis(200));
        assertThat(members.lagging(3)).isTrue();

        store.register(binding("10.1.0.2", "198.51.100.7", clock.instant(), 300), false);
        CompletableFuture<Void> second = waits.beforeReply(ip("10.1.0.2")).toCompletableFuture();
        var held = network.hold();
        network.deliver(held.get(0));
        assertThat(second).as("member 2 acknowledged; member 3 lags and is not waited for").isCompleted();
        assertThat(counters.get("reply-wait-timeouts")).isEqualTo(1);

        network.deliver(held.get(1));
        assertThat(members.lagging(3)).as("its acknowledgement clears the mark").isFalse();
        store.register(binding("10.1.0.3", "198.51.100.7", clock.instant(), 300), false);
        CompletableFuture<Void> third = waits.beforeReply(ip("10.1.0.3")).toCompletableFuture();
        network.deliver(network.hold().get(0));
        assertThat(third).as("member 3 is waited for again").isNotDone();
    }

    @Test
    void whenEveryMemberLagsTheReplyGoesAtOnceAndIsCounted() {
        ReplyWaits waits = waits(true);
        store.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        waits.beforeReply(ip("10.1.0.1"));
        scheduler.advance(Duration.ofMillis(200));

        store.register(binding("10.1.0.2", "198.51.100.7", clock.instant(), 300), false);

        assertThat(waits.beforeReply(ip("10.1.0.2")).toCompletableFuture()).isCompleted();
        assertThat(counters.get("replies-past-lagging")).isEqualTo(1);
        assertThat(counters.get("member-lagged")).isEqualTo(2);
    }

    @Test
    void aChangeSentToNoMemberDoesNotWaitForAnEarlierChangeStillInFlight() {
        members = new GroupMembers(1, clock, Duration.ofSeconds(5));
        ReplyWaits waits = waits(true);
        store.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        network.hold(); // never acknowledged: both members died
        clock.advance(Duration.ofSeconds(6));

        store.register(binding("10.1.0.1", "198.51.100.8", clock.instant(), 300), false);

        assertThat(network.inFlight()).as("silent members are no targets").isEmpty();
        assertThat(waits.beforeReply(ip("10.1.0.1")).toCompletableFuture()).isCompleted();
        assertThat(waits.unacknowledged()).isZero();
    }

    @Test
    void aMemberTheLinkGaveUpOnReleasesTheReply() {
        ReplyWaits waits = waits(true);
        network.down(3);
        store.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);
        CompletableFuture<Void> reply = waits.beforeReply(ip("10.1.0.1")).toCompletableFuture();

        network.deliverAll();

        assertThat(reply).isCompleted();
        assertThat(members.get(3).orElseThrow().failed()).isEqualTo(1);
        assertThat(counters.get("replies-member-unreachable")).isEqualTo(1);
    }

    @Test
    void whenSwitchedOffTheReplyNeverWaits() {
        ReplyWaits waits = waits(false);
        store.register(binding("10.1.0.1", "198.51.100.7", clock.instant(), 300), false);

        assertThat(waits.beforeReply(ip("10.1.0.1")).toCompletableFuture()).isCompleted();
    }
}
