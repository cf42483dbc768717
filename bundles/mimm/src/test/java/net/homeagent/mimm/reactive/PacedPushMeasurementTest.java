package net.homeagent.mimm.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.Fixtures;
import net.homeagent.mip.codec.mimm.AlertReason;
import net.homeagent.mip.codec.mimm.ReactiveMessage;

/**
 * Reactive advice to 100,000 mobiles of one network into a unit-level sink, at the default pace
 * (1000/s, burst 50) on a simulated clock ticked every 10 ms, every mobile acking at once, with a
 * periodic push of the whole network every 10 simulated seconds while the first one is still going
 * (it takes 100 s): none is lost, none told twice, no simulated second carries more than the pace allows. The CPU time of the
 * whole push (queue, encode, HMAC-MD5, pace, ack) is printed for docs/PERFORMANCE.md "MIMM", not asserted.
 */
class PacedPushMeasurementTest {

    private static final int MOBILES = 100_000;

    @Test
    void oneHundredThousandMobilesAreToldOnceEachAtThePace() {
        ReactiveFixture f = new ReactiveFixture(new Deliveries(true, true, true), 1000, 50);
        // the pusher alone: the test-jar's fakes scan their lists, too slow for 100,000 (the walk of the
        // real binding store is measured in the system test)
        java.util.List<MobileKey> mobiles = new java.util.ArrayList<>(MOBILES);
        for (int i = 0; i < MOBILES; i++) {
            String home = "10." + (64 + i / 65536) + "." + (i / 256 % 256) + "." + (i % 256);
            mobiles.add(new MobileKey(Fixtures.ip(home), ReactiveFixture.association(home, 300)));
        }
        Alert alert = f.book.add(new AlertRequest("1", java.util.List.of(1), AlertReason.CONGESTION, 600,
                java.util.OptionalInt.of(2), "test"), f.clock.instant());
        long cpu0 = cpu();
        long wall0 = System.nanoTime();
        mobiles.forEach(m -> f.pusher.push(m, alert, 1));
        long queuedAt = System.nanoTime();
        TreeMap<Long, Integer> perSecond = new TreeMap<>();
        Set<Inet4Address> told = new HashSet<>();
        long start = f.clock.millis();
        int reminders = 0;
        while (f.pusher.queued() > 0 || f.pusher.unacknowledged() > 0) {
            if (f.clock.millis() - start >= (reminders + 1) * 10_000L) {
                mobiles.forEach(m -> f.pusher.remind(m, alert, 1));
                reminders++;
            }
            f.pusher.tick();
            for (ReactiveFixture.Sent s : f.sent) {
                ReactiveMessage.Advice advice = (ReactiveMessage.Advice) s.message();
                assertThat(told.add(s.home())).as("told twice: %s", s.home()).isTrue();
                f.pusher.acknowledged(advice.homeAddress(), advice.identification());
                perSecond.merge((f.clock.millis() - start) / 1000, 1, Integer::sum);
            }
            f.sent.clear();
            f.advance(Duration.ofMillis(ReactivePusher.TICK_MILLIS));
        }
        long wall = System.nanoTime() - wall0;
        long cpu = cpu() - cpu0;
        assertThat(told).hasSize(MOBILES);
        assertThat(f.counters.get(ReactiveCount.ADVICE_ACKED)).isEqualTo(MOBILES);
        assertThat(f.counters.get(ReactiveCount.ADVICE_RETRANSMITTED)).isZero();
        assertThat(reminders).isGreaterThanOrEqualTo(9);
        assertThat(f.counters.get(ReactiveCount.ADVICE_QUEUED)).isEqualTo(MOBILES);
        // a token bucket lets at most rate + burst leave within any second, and takes at least
        // (n - burst) / rate seconds for n datagrams
        assertThat(perSecond.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1000 + 50));
        assertThat(perSecond.lastKey() + 1).isGreaterThanOrEqualTo((MOBILES - 50) / 1000);
        System.out.printf("MIMM paced push: %,d mobiles, simulated %d s at 1000/s burst 50 (max %d in a second);"
                + " queued in %.0f ms, whole push %.0f ms wall, %.0f ms CPU (%.1f us CPU per advice)%n", MOBILES,
                perSecond.lastKey() + 1, perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0),
                (queuedAt - wall0) / 1e6, wall / 1e6, cpu / 1e6, cpu / 1e3 / MOBILES);
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
