package net.homeagent.mimm.reactive;

import static net.homeagent.mimm.reactive.ReactiveFixture.alertTrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mimm.ReactiveMessage;

class ReactivePusherTest {

    private static ReactiveFixture mobiles(int count, int rate, int burst) {
        ReactiveFixture f = new ReactiveFixture(new Deliveries(true, true, true), rate, burst);
        for (int i = 1; i <= count; i++) {
            f.mobile("10.0." + (i / 250) + "." + (i % 250 + 1), "10.1." + (i / 250) + "." + (i % 250 + 1));
        }
        return f;
    }

    @Test
    void theBurstLeavesAtOnceTheRestAtTheRate() {
        ReactiveFixture f = mobiles(100, 20, 5);
        f.advisor.alertPublished(alertTrap("1", 1, 600, 0));
        assertThat(f.advisor.tick()).isEqualTo(5);
        assertThat(f.advisor.tick()).isZero();
        f.advance(Duration.ofMillis(50)); // 20/s: one token
        assertThat(f.advisor.tick()).isEqualTo(1);
        f.advance(Duration.ofMillis(950));
        // 19 tokens, but the bucket holds at most 5; and the first five, unacknowledged for 1 s, go first
        assertThat(f.advisor.tick()).isEqualTo(5);
        assertThat(f.counters.get(ReactiveCount.ADVICE_RETRANSMITTED)).isEqualTo(5);
        assertThat(f.pusher.queued()).isEqualTo(94);
    }

    @Test
    void retransmitsWithDoublingWaitsThenGivesUp() {
        ReactiveFixture f = mobiles(1, 100, 10);
        f.advisor.alertPublished(alertTrap("1", 1, 600, 0));
        f.advisor.tick();
        long[] waits = {999, 1, 1999, 1, 3999, 1};
        int[] sends = {1, 2, 2, 3, 3, 3};
        for (int i = 0; i < waits.length; i++) {
            f.advance(Duration.ofMillis(waits[i]));
            f.advisor.tick();
            assertThat(f.sent).as("after step %d", i).hasSize(sends[i]);
        }
        assertThat(f.counters.get(ReactiveCount.ADVICE_RETRANSMITTED)).isEqualTo(2);
        assertThat(f.counters.get(ReactiveCount.ADVICE_GAVE_UP)).isEqualTo(1); // 3 sends configured
        assertThat(f.pusher.unacknowledged()).isZero();
    }

    @Test
    void aSecondPushOfTheSameAlertIsCoalescedANewAlertSupersedes() {
        ReactiveFixture f = mobiles(1, 100, 10);
        f.advisor.alertPublished(alertTrap("1", 1, 600, 0));
        f.advisor.periodic();
        assertThat(f.counters.get(ReactiveCount.ADVICE_COALESCED)).isEqualTo(1);
        f.advisor.tick();
        f.advisor.periodic(); // sent, not acknowledged: still coalesced
        assertThat(f.counters.get(ReactiveCount.ADVICE_COALESCED)).isEqualTo(2);
        f.advisor.alertPublished(alertTrap("1", 2, 60, 0));
        f.advisor.tick();
        assertThat(f.counters.get(ReactiveCount.ADVICE_SUPERSEDED)).isEqualTo(1);
        ReactiveMessage.Advice first = (ReactiveMessage.Advice) f.sent.get(0).message();
        f.receive(ReactiveFixture.fromMobile(new ReactiveMessage.Ack(first.homeAddress(), first.identification()),
                ReactiveFixture.KEY));
        assertThat(f.counters.get(ReactiveCount.ACKS_UNMATCHED)).isEqualTo(1);
    }

    @Test
    void aScheduleWhoseLastSendLeavesPastTheMobilesReplayToleranceIsRefused() {
        Duration tolerance = Duration.ofSeconds(7);
        ReactivePusher.Retransmission defaults = new ReactivePusher.Retransmission(Duration.ofSeconds(1), 3);
        assertThat(defaults.lastSendAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.within(tolerance)).isSameAs(defaults);
        // sends at 0, 1, 3 and 7 s: the 4th carries an identification 7 s old when it leaves
        assertThatThrownBy(() -> new ReactivePusher.Retransmission(Duration.ofSeconds(1), 4).within(tolerance))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sends the last copy 7000 ms after the first")
                .hasMessageContaining("RFC 5944 §5.7.1");
        assertThat(new ReactivePusher.Retransmission(Duration.ofMillis(500), 4).lastSendAfter())
                .isEqualTo(Duration.ofMillis(3500));
        assertThatThrownBy(() -> new ReactivePusher.Retransmission(Duration.ofSeconds(1), 17))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
