package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static net.homeagent.store.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.api.testing.RecordingBindingListener;
import net.homeagent.mip.codec.wire.Ipv4;

/** Lifetimes run out (RFC 5944 §3.8.3) when {@code expireDue} sees the clock pass them. */
class BindingExpiryTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingBindingListener events = new RecordingBindingListener();
    private DurableBindingStore store;

    @BeforeEach
    void setUp() {
        store = new DurableBindingStore(clock);
        store.addListener(events);
    }

    @Test
    void aBindingExpiresExactlyWhenItsLifetimeEnds() {
        Binding b = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(60).build();
        store.register(b, false);

        clock.set(T0.plusSeconds(60).minusMillis(1));
        assertThat(store.expireDue()).isZero();
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(b);

        clock.set(T0.plusSeconds(60));
        assertThat(store.expireDue()).isEqualTo(1);
        assertThat(store.find(ip("10.0.0.1"))).isEmpty();
        assertThat(store.size()).isZero();
        assertThat(store.expiredCount()).isEqualTo(1);
        assertThat(events.events()).endsWith(BindingEvent.removed(b, RemovalReason.EXPIRED));
    }

    @Test
    void aBindingDueLaterInTheCurrentSecondWaitsForIt() {
        Instant registered = T0.plusMillis(250);
        Binding b = binding("10.0.0.1", "192.0.2.1").registeredAt(registered).lifetime(10).build(); // ends at 10.250 s

        clock.set(T0.plusSeconds(10).plusMillis(100));
        store.register(b, false);
        assertThat(store.expireDue()).isZero();
        clock.set(T0.plusSeconds(10).plusMillis(249));
        assertThat(store.expireDue()).isZero();
        clock.set(T0.plusSeconds(10).plusMillis(250));

        assertThat(store.expireDue()).isEqualTo(1);
        assertThat(store.scheduledExpiryEntries()).isZero();
    }

    @Test
    void aRenewalPushesExpiryOutAndItsOldWheelEntryIsIgnored() {
        Binding first = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(60).build();
        Binding renewal = binding("10.0.0.1", "192.0.2.1").registeredAt(T0.plusSeconds(50)).lifetime(60)
                .identification(2).build();
        store.register(first, false);
        clock.set(T0.plusSeconds(50));
        store.register(renewal, false);
        assertThat(store.scheduledExpiryEntries()).isEqualTo(2); // the old entry stays behind: O(1) renewal

        clock.set(T0.plusSeconds(60));
        assertThat(store.expireDue()).isZero();
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(renewal);
        assertThat(store.scheduledExpiryEntries()).isEqualTo(1); // the stale one is dropped when its second comes

        clock.set(T0.plusSeconds(110));
        assertThat(store.expireDue()).isEqualTo(1);
        assertThat(events.events()).last().isEqualTo(BindingEvent.removed(renewal, RemovalReason.EXPIRED));
    }

    @Test
    void aRenewalThatShortensTheLifetimeExpiresEarlier() {
        store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(600).build(), false);
        clock.set(T0.plusSeconds(10));
        store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0.plusSeconds(10)).lifetime(20).build(), false);

        clock.set(T0.plusSeconds(30));

        assertThat(store.expireDue()).isEqualTo(1);
        clock.set(T0.plusSeconds(600));
        assertThat(store.expireDue()).isZero();
        assertThat(store.scheduledExpiryEntries()).isZero();
    }

    @Test
    void aRenewalEndingInTheSameSecondAddsNoWheelEntry() {
        store.register(binding("10.0.0.1", "192.0.2.1").expiresAt(T0.plusMillis(60_100)).build(), false);
        store.register(binding("10.0.0.1", "192.0.2.1").expiresAt(T0.plusMillis(60_900)).build(), false);

        assertThat(store.scheduledExpiryEntries()).isEqualTo(1);
        clock.set(T0.plusMillis(60_500));
        assertThat(store.expireDue()).isZero();
        clock.set(T0.plusMillis(60_900));
        assertThat(store.expireDue()).isEqualTo(1);
    }

    @Test
    void aBindingRemovedAndRegisteredAgainLivesOnItsNewLifetime() {
        store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(60).build(), false);
        store.remove(ip("10.0.0.1"), ip("192.0.2.1"), RemovalReason.DEREGISTERED);
        Binding again = binding("10.0.0.1", "192.0.2.1").registeredAt(T0.plusSeconds(30)).lifetime(60).build();
        clock.set(T0.plusSeconds(30));
        store.register(again, false);

        clock.set(T0.plusSeconds(60));
        assertThat(store.expireDue()).isZero();
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(again);

        clock.set(T0.plusSeconds(90));
        assertThat(store.expireDue()).isEqualTo(1);
    }

    @Test
    void anInfiniteLifetimeNeverExpiresAndTakesNoWheelEntry() {
        Binding forever = binding("10.0.0.1", "192.0.2.1").infinite().build();
        store.register(forever, false);

        clock.set(T0.plus(Duration.ofDays(365 * 100)));
        assertThat(store.expireDue()).isZero();

        assertThat(store.find(ip("10.0.0.1"))).containsExactly(forever);
        assertThat(store.scheduledExpiryEntries()).isZero();
    }

    @Test
    void aLifetimeOfAllOnesIsInfiniteWhateverTheExpiryTimeSays() {
        Binding forever = binding("10.0.0.1", "192.0.2.1").lifetime(0xffff).build(); // expiresAt T0 + 65535 s
        store.register(forever, false);

        clock.set(T0.plus(Duration.ofDays(10)));

        assertThat(store.expireDue()).isZero();
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(forever);
    }

    @Test
    void aRenewalToAnInfiniteLifetimeCancelsTheExpiry() {
        store.register(binding("10.0.0.1", "192.0.2.1").lifetime(60).build(), false);
        store.register(binding("10.0.0.1", "192.0.2.1").infinite().build(), false);

        clock.set(T0.plusSeconds(3600));

        assertThat(store.expireDue()).isZero();
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.scheduledExpiryEntries()).isZero();
    }

    @Test
    void anExpiryBeyondTheWheelsReachStillComesOnTime() {
        int longer = ExpiryWheel.SLOTS + 1000;
        Binding b = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(longer).build();
        store.register(b, false);

        clock.set(T0.plusSeconds(longer - 1));
        assertThat(store.expireDue()).isZero();
        clock.set(T0.plusSeconds(longer));

        assertThat(store.expireDue()).isEqualTo(1);
    }

    @Test
    void bindingsRegisteredLongAfterTheLastTickExpireOnTime() {
        Instant later = T0.plus(Duration.ofDays(3)); // no tick in between: the wheel lags three days
        clock.set(later);
        store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(later).lifetime(30).build(), false);
        store.register(binding("10.0.0.2", "192.0.2.1").registeredAt(later).lifetime(90).build(), false);

        clock.set(later.plusSeconds(30));
        assertThat(store.expireDue()).isEqualTo(1);
        clock.set(later.plusSeconds(89));
        assertThat(store.expireDue()).isZero();
        clock.set(later.plusSeconds(90));
        assertThat(store.expireDue()).isEqualTo(1);
    }

    @Test
    void aJumpOfTheClockExpiresEverythingThatRanOut() {
        for (int i = 1; i <= 50; i++) {
            store.register(binding("10.0.1." + i, "192.0.2.1").registeredAt(T0).lifetime(i * 1000).build(), false);
        }

        clock.set(T0.plusSeconds(25_000));

        assertThat(store.expireDue()).isEqualTo(25);
        assertThat(store.size()).isEqualTo(25);
        assertThat(store.list(b -> b.isExpiredAt(clock.instant()))).isEmpty();
    }

    @Test
    void aClockSteppingBackExpiresNothingEarly() {
        store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(60).build(), false);
        clock.set(T0.plusSeconds(30));
        store.expireDue();

        clock.set(T0.minusSeconds(3600));
        assertThat(store.expireDue()).isZero();
        clock.set(T0.plusSeconds(60));

        assertThat(store.expireDue()).isEqualTo(1);
    }

    @Test
    void aBindingAlreadyExpiredWhenRegisteredGoesOnTheNextTick() {
        clock.set(T0.plusSeconds(100));
        store.expireDue();
        store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(30).build(), false);

        assertThat(store.expireDue()).isEqualTo(1);
        assertThat(store.size()).isZero();
    }

    @Test
    void aSimultaneousBindingExpiresAloneAndItsSiblingsStay() {
        Binding shortOne = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(30).build();
        Binding longOne = binding("10.0.0.1", "192.0.2.2").registeredAt(T0).lifetime(90).build();
        store.register(shortOne, true);
        store.register(longOne, true);

        clock.set(T0.plusSeconds(30));

        assertThat(store.expireDue()).isEqualTo(1);
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(longOne);
    }

    @Test
    void aMillionBindingsExpiringAtOnceAreAllRemovedWithTheirEvents() {
        store.removeListener(events); // two million recorded events would only measure the test
        LongAdder added = new LongAdder();
        LongAdder expired = new LongAdder();
        store.addListener(event -> {
            if (event.type() == BindingEvent.Type.ADDED) {
                added.increment();
            } else if (event.reason().filter(RemovalReason.EXPIRED::equals).isPresent()) {
                expired.increment();
            }
        });
        int count = 1_000_000;
        Inet4Address careOf = ip("192.0.2.1");
        Instant expiry = T0.plusSeconds(1800);
        int firstHome = (int) Ipv4.toUnsigned(ip("10.0.0.0"));
        for (int i = 0; i < count; i++) {
            store.register(binding(Ipv4.of(firstHome + i), careOf).registeredAt(T0).expiresAt(expiry).build(), false);
        }
        assertThat(store.size()).isEqualTo(count);

        clock.set(expiry);

        assertThat(store.expireDue()).isEqualTo(count);
        assertThat(store.size()).isZero();
        assertThat(store.list(b -> true)).isEmpty();
        assertThat(added.sum()).isEqualTo(count);
        assertThat(expired.sum()).isEqualTo(count);
        assertThat(store.scheduledExpiryEntries()).isZero();
    }
}
