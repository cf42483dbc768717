package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.BindingStore.RegisterOutcome;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.MutableClock;

/**
 * Several threads register and remove at once, on home addresses of their own and on shared ones,
 * while another thread keeps expiring. Afterwards:
 * <ul>
 * <li>each thread's own home addresses hold exactly what a sequential model of its operations says;</li>
 * <li>replaying the events in the order they were heard gives exactly the table (events of one home
 * address arrive in the order of its changes, none lost);</li>
 * <li>size, list and the NAI index agree with that table.</li>
 * </ul>
 */
class ConcurrentBindingStoreTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final int WORKERS = 4;
    private static final int OPERATIONS = 20_000;
    private static final int OWN_HOMES = 40;
    private static final int SHARED_HOMES = 16;
    private static final int CARE_OF_ADDRESSES = 4;
    private static final List<String> NAIS = List.of("a@example.net", "B@example.net", "b@EXAMPLE.net", "c@example.net");

    private final MutableClock clock = new MutableClock(T0);
    private final DurableBindingStore store = new DurableBindingStore(clock);
    private final List<BindingEvent> heard = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newFixedThreadPool(WORKERS + 1);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void concurrentChangesLeaveAConsistentTable() throws Exception {
        store.addListener(heard::add);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<BindingKey, Binding>>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            workers.add(threads.submit(() -> {
                start.await();
                return work(worker);
            }));
        }
        AtomicBoolean working = new AtomicBoolean(true);
        Future<Integer> reaper = threads.submit(expireWhile(working, start));

        start.countDown();
        List<Map<BindingKey, Binding>> ownModels = new ArrayList<>();
        for (Future<Map<BindingKey, Binding>> worker : workers) {
            ownModels.add(worker.get());
        }
        working.set(false);
        int expiredConcurrently = reaper.get();
        store.expireDue();

        Map<BindingKey, Binding> table = keyed(store.list(b -> true));
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            assertThat(keyed(store.list(b -> ownerOf(b.homeAddress()) == worker))).isEqualTo(ownModels.get(w));
        }
        assertThat(replay(heard)).isEqualTo(table);
        assertThat(store.size()).isEqualTo(table.size());
        assertThat(store.list(b -> b.isExpiredAt(clock.instant()))).isEmpty();
        assertThat(store.expiredCount()).isGreaterThanOrEqualTo(expiredConcurrently).isPositive();
        assertNaiIndexMatches(table);
    }

    /** One worker: random operations, with a sequential model of its own home addresses. */
    private Map<BindingKey, Binding> work(int worker) {
        Random random = new Random(42 + worker);
        Map<BindingKey, Binding> model = new HashMap<>();
        for (int op = 0; op < OPERATIONS; op++) {
            boolean own = random.nextBoolean();
            Inet4Address home = own ? ownHome(worker, random.nextInt(OWN_HOMES))
                    : TestBindings.ip("10.200.0." + (1 + random.nextInt(SHARED_HOMES)));
            Inet4Address careOf = TestBindings.ip("192.0.2." + (1 + random.nextInt(CARE_OF_ADDRESSES)));
            int choice = random.nextInt(10);
            if (choice < 6) {
                // Shared home addresses sometimes get an already expired binding, for the reaper.
                int lifetime = !own && random.nextInt(4) == 0 ? -1 : 600;
                Binding b = binding(home, careOf).registeredAt(T0).lifetime(lifetime)
                        .nai(NAIS.get(random.nextInt(NAIS.size()))).identification(op).build();
                boolean simultaneous = random.nextBoolean();
                RegisterOutcome outcome = store.register(b, simultaneous);
                if (own) {
                    assertThat(outcome.renewed()).isEqualTo(Optional.ofNullable(model.get(b.key())));
                    if (!simultaneous) {
                        model.keySet().removeIf(k -> k.homeAddress().equals(home));
                    }
                    model.put(b.key(), b);
                }
            } else if (choice < 9) {
                store.remove(home, careOf, RemovalReason.DEREGISTERED);
                if (own) {
                    model.remove(new BindingKey(home, careOf));
                }
            } else {
                store.removeAll(home, RemovalReason.DEREGISTERED);
                if (own) {
                    model.keySet().removeIf(k -> k.homeAddress().equals(home));
                }
            }
        }
        return model;
    }

    private Callable<Integer> expireWhile(AtomicBoolean working, CountDownLatch start) {
        return () -> {
            start.await();
            int expired = 0;
            while (working.get()) {
                expired += store.expireDue();
            }
            return expired;
        };
    }

    private void assertNaiIndexMatches(Map<BindingKey, Binding> table) {
        Set<String> indexKeys = new HashSet<>();
        for (String nai : NAIS) {
            List<Binding> expected = table.values().stream()
                    .filter(b -> b.nai().filter(nai::equalsIgnoreCase).isPresent())
                    .sorted(BindingOrder.HOME_THEN_CARE_OF).toList();
            assertThat(store.findByNai(nai)).as(nai).isEqualTo(expected);
            if (!expected.isEmpty()) {
                indexKeys.add(NaiIndex.normalise(nai));
            }
        }
        assertThat(store.indexedNaiCount()).isEqualTo(indexKeys.size());
    }

    private static Map<BindingKey, Binding> replay(List<BindingEvent> events) {
        Map<BindingKey, Binding> model = new HashMap<>();
        synchronized (events) {
            for (BindingEvent e : events) {
                if (e.type() == BindingEvent.Type.REMOVED) {
                    assertThat(model.remove(e.binding().key())).as("removed what was there").isEqualTo(e.binding());
                } else {
                    Binding before = model.put(e.binding().key(), e.binding());
                    assertThat(e.previous()).as("previous of " + e.type()).isEqualTo(Optional.ofNullable(before));
                }
            }
        }
        return model;
    }

    private static Map<BindingKey, Binding> keyed(List<Binding> bindings) {
        Map<BindingKey, Binding> map = new HashMap<>();
        bindings.forEach(b -> map.put(b.key(), b));
        return map;
    }

    private static Inet4Address ownHome(int worker, int index) {
        return TestBindings.ip("10." + (100 + worker) + ".0." + (1 + index));
    }

    /** The worker owning a home address, or -1 for a shared one. */
    private static int ownerOf(Inet4Address home) {
        int second = home.getAddress()[1] & 0xff;
        return second >= 100 && second < 100 + WORKERS ? second - 100 : -1;
    }
}
