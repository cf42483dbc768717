package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static net.homeagent.store.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Readers take no lock; they must still never see half a change. One writer flips a home address
 * between two states - two simultaneous bindings, and one binding that replaces both at once - while
 * another churns thousands of other home addresses, so that rows move, arrays grow and shrink under
 * the readers. Bounded by a count of flips, not by time.
 */
class ConcurrentReadersTest {

    private static final int FLIPS = 20_000;
    private static final int CHURNED_HOMES = 20_000;

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final DurableBindingStore store = new DurableBindingStore(new MutableClock(Instant.parse("2024-01-01T00:00:00Z")));

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aReaderSeesEachHomeAddressBeforeOrAfterAChangeNeverHalfWay() throws Exception {
        Inet4Address home = ip("10.9.0.1");
        Binding atA = binding(home, ip("192.0.2.1")).build();
        Binding atB = binding(home, ip("192.0.2.2")).build();
        Binding atC = binding(home, ip("192.0.2.3")).nai("flip@example.net").build();
        // {A} lies between the two registrations that make {A, B}; a half change would show {}, {B} or C beside A or B
        Set<List<Binding>> wholeStates = Set.of(List.of(atA), List.of(atA, atB), List.of(atC));
        store.register(atC, false);

        AtomicBoolean flipping = new AtomicBoolean(true);
        Future<?> flipper = threads.submit(() -> {
            try {
                for (int i = 0; i < FLIPS; i++) {
                    store.register(atA, false); // replaces C
                    store.register(atB, true);  // simultaneous with A: the state {A, B} is complete only now
                    store.register(atC, false); // replaces A and B in one change
                }
            } finally {
                flipping.set(false); // a failing flipper must stop the other loops, not hang the build
            }
        });
        Future<?> churner = threads.submit(() -> {
            for (int round = 0; flipping.get(); round++) {
                for (int i = 0; i < CHURNED_HOMES && flipping.get(); i++) {
                    Inet4Address other = Ipv4.of(0x0a80_0000 + i);
                    if ((i + round) % 2 == 0) {
                        store.register(binding(other, ip("192.0.2.9")).build(), true);
                    } else {
                        store.removeAll(other, RemovalReason.DEREGISTERED);
                    }
                }
            }
        });
        List<Future<Long>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(threads.submit(() -> {
                long reads = 0;
                while (flipping.get()) {
                    List<Binding> seen = store.find(home);
                    assertThat(seen).as("a whole state of %s", home).isIn(wholeStates);
                    assertThat(store.findByNai("FLIP@example.net")).isIn(List.of(), List.of(atC));
                    reads++;
                }
                return reads;
            }));
        }
        flipper.get();
        churner.get();
        for (Future<Long> reader : readers) {
            assertThat(reader.get()).isPositive();
        }
        assertThat(store.find(home)).containsExactly(atC);
        assertThat(store.list(b -> b.homeAddress().equals(home))).containsExactly(atC);
    }
}
