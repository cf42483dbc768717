package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Two threads, as two event loops of the home agent, register simultaneous bindings (S flag) for
 * the same home addresses at the same moment, each from care-of addresses of its own: however they
 * interleave, no home address ends with more bindings than the limit (issue 10: the limit used to
 * be counted and written in two trips, and two loops could pass it together).
 */
class SimultaneousLimitRaceTest {

    private static final int LIMIT = 2;
    private static final int HOMES = 2_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final DurableBindingStore store = new DurableBindingStore(clock);
    private final ExecutorService loops = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        loops.shutdownNow();
    }

    @Test
    void twoLoopsRacingForTheLastPlaceNeverExceedTheLimit() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Future<Integer> first = loops.submit(() -> race(0xc0000200, together));
        Future<Integer> second = loops.submit(() -> race(0xc6336400, together));

        int accepted = first.get(2, TimeUnit.MINUTES) + second.get(2, TimeUnit.MINUTES);

        for (int i = 0; i < HOMES; i++) {
            assertThat(store.find(home(i))).as("home %d", i).hasSize(LIMIT);
        }
        assertThat(accepted).isEqualTo(HOMES * LIMIT);
    }

    /** For every home address, three care-of addresses of this loop's range, in step with the other loop. */
    private int race(int careOfBase, CyclicBarrier together) throws Exception {
        int accepted = 0;
        for (int i = 0; i < HOMES; i++) {
            together.await(1, TimeUnit.MINUTES);
            for (int c = 0; c <= LIMIT; c++) {
                Inet4Address careOf = Ipv4.of(careOfBase + c);
                if (store.registerSimultaneous(binding(home(i), careOf).build(), LIMIT).isPresent()) {
                    accepted++;
                }
            }
        }
        return accepted;
    }

    private static Inet4Address home(int i) {
        return Ipv4.of(0x0a000000 + i);
    }
}
