package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static net.homeagent.store.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.testing.MutableClock;

/** The store as the DS runtime drives it: activate with config, modify, deactivate. */
class BindingStoreComponentTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void theTickerExpiresBindingsByItself() throws InterruptedException {
        DurableBindingStore store = new DurableBindingStore(clock, config(5));
        CountDownLatch expired = new CountDownLatch(1);
        store.addListener(event -> {
            if (event.type() == BindingEvent.Type.REMOVED) {
                expired.countDown();
            }
        });
        try {
            store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(30).build(), false);
            clock.advance(Duration.ofSeconds(30));

            // A bound so that a broken ticker fails the build instead of hanging it; not a timing check.
            assertThat(expired.await(1, TimeUnit.MINUTES)).isTrue();
            assertThat(store.size()).isZero();
        } finally {
            store.deactivate();
        }
    }

    @Test
    void aConfigurationChangeKeepsTheBindingsAndTheNewTick() {
        DurableBindingStore store = new DurableBindingStore(clock, config(1000));
        try {
            store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(30).build(), false);

            store.modified(config(250));

            assertThat(store.expiryTick()).contains(Duration.ofMillis(250));
            assertThat(store.find(ip("10.0.0.1"))).hasSize(1);
        } finally {
            store.deactivate();
        }
    }

    @Test
    void aTickThatIsNotPositiveFallsBackToTheDefault() {
        DurableBindingStore store = new DurableBindingStore(clock, config(0));
        try {
            assertThat(store.expiryTick()).contains(Duration.ofMillis(BindingStoreConfig.DEFAULT_EXPIRY_TICK_MILLIS));
        } finally {
            store.deactivate();
        }
    }

    @Test
    void deactivationStopsTheTicker() {
        DurableBindingStore store = new DurableBindingStore(clock, config(1000));

        store.deactivate();

        assertThat(store.expiryTick()).isEmpty();
    }

    @Test
    void aStoreWithoutConfigurationDoesNotTick() {
        assertThat(new DurableBindingStore(clock).expiryTick()).isEmpty();
    }

    private static BindingStoreConfig config(long tickMillis) {
        return new BindingStoreConfig() {
            @Override
            public long expiryTickMillis() {
                return tickMillis;
            }

            /** These tests are about the ticker; BindingBackupTest covers the backup. */
            @Override
            public boolean backupEnabled() {
                return false;
            }

            @Override
            public String backupDirectory() {
                return DEFAULT_BACKUP_DIRECTORY;
            }

            @Override
            public long commitDelayMicros() {
                return DEFAULT_COMMIT_DELAY_MICROS;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return BindingStoreConfig.class;
            }
        };
    }
}
