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
    private final GroupMembers members = new GroupMembers(1, clock, Duration.ofDays(1));

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
