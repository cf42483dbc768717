package net.homeagent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The model check of issue 16: the store with its journal on a {@link SimulatedDisk} is driven with
 * random registrations, renewals, care-of changes, simultaneous bindings, deregistrations, removals
 * of all of a node's bindings, expiries and clears; the writer and the checkpoints run on this
 * thread at random moments (a checkpoint often long after its rotation, with changes made
 * meanwhile, as on the real threads); the machine crashes at a random disk operation, losing what
 * POSIX allows. After each restart every home address must hold exactly the bindings of a state it
 * may be in: the last one acknowledged (a sync that completed), or one of the states of operations
 * made after it, which were never acknowledged and may or may not have reached the disk. So every
 * acknowledged binding is there with its latest care-of address and expiry, nothing whose removal or
 * replacement was acknowledged comes back, and nothing is there twice. A crash must never read as
 * damage either.
 * <p>
 * {@value #ROUNDS} seeded rounds run in the build (a few seconds); {@code -Dmodel.rounds=N} and
 * {@code -Dmodel.seed=S} run more, or one again.
 */
class CrashConsistencyModelTest {

    private static final int ROUNDS = 3000;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final int HOMES = 12;
    private static final int CARE_OFS = 4;
    private static final Comparator<Binding> BY_CARE_OF = Comparator.comparingLong(b -> Ipv4.toUnsigned(b.careOfAddress()));

    @Test
    void afterEveryCrashTheTableIsAStateTheMobileNodesMayHaveBeenToldOf() {
        long rounds = Long.getLong("model.rounds", ROUNDS);
        Long only = Long.getLong("model.seed");
        long crashes = 0;
        for (long seed = only == null ? 1 : only; seed <= (only == null ? rounds : only); seed++) {
            crashes += new Round(seed).run();
        }
        assertThat(crashes).as("rounds that crashed mid-way rather than at their end").isPositive();
    }

    /** One seeded life story: up to three runs of the store, each ended by a crash. */
    private static final class Round {
        private final long seed;
        private final Random random;
        private final MutableClock clock = new MutableClock(T0);
        private final Queue<Runnable> checkpoints = new ArrayDeque<>();
        private final Map<Integer, List<List<Binding>>> allowed = new HashMap<>();
        private long identification;

        Round(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        /** @return how many runs crashed before their last step */
        int run() {
            SimulatedDisk disk = new SimulatedDisk(random);
            int midway = 0;
            int lives = 1 + random.nextInt(3);
            for (int life = 0; life < lives; life++) {
                checkpoints.clear();
                BindingJournal journal = new BindingJournal(disk, clock, checkpoints::add, 256 + random.nextInt(2048),
                        "simulated", () -> { }, false, CommitDelay.NONE);
                DurableBindingStore store = new DurableBindingStore(clock, journal);
                store.restoreFromBackup();
                if (life > 0) {
                    check(store, journal);
                }
                acknowledgeAll(store); // what was restored is on disk
                disk.crashAfter(random.nextInt(600));
                try {
                    for (int step = 0; step < 80; step++) {
                        step(store, journal);
                    }
                } catch (SimulatedDisk.Crash crash) {
                    midway++;
                }
                disk = disk.afterCrash(); // kill -9: the store is dropped as it is
            }
            BindingJournal journal = new BindingJournal(disk, clock, checkpoints::add, 1024, "simulated", () -> { }, false,
                    CommitDelay.NONE);
            DurableBindingStore store = new DurableBindingStore(clock, journal);
            store.restoreFromBackup();
            check(store, journal);
            return midway;
        }

        private void step(DurableBindingStore store, BindingJournal journal) {
            Inet4Address home = home(random.nextInt(HOMES));
            int dice = random.nextInt(100);
            if (dice < 45) {
                Inet4Address careOf = Ipv4.of(0xc0000200 + random.nextInt(CARE_OFS));
                int lifetime = random.nextInt(10) == 0 ? 0xffff : 5 + random.nextInt(120);
                Instant now = clock.instant();
                Instant expires = lifetime == 0xffff ? Instant.MAX : now.plusSeconds(lifetime);
                Binding binding = new Binding(home, careOf, Ipv4.of(0x0a0000fe), careOf, 434,
                        random.nextBoolean() ? Optional.empty() : Optional.of("mn" + random.nextInt(HOMES) + "@example.net"),
                        lifetime, now, expires, ++identification, 0, Encapsulation.IP_IN_IP, random.nextBoolean());
                store.register(binding, random.nextInt(4) == 0);
            } else if (dice < 60) {
                List<Binding> held = store.find(home);
                if (!held.isEmpty()) {
                    Binding gone = held.get(random.nextInt(held.size()));
                    store.remove(home, gone.careOfAddress(), RemovalReason.DEREGISTERED);
                }
            } else if (dice < 65) {
                store.removeAll(home, RemovalReason.CLEARED);
            } else if (dice < 75) {
                clock.advance(Duration.ofSeconds(random.nextInt(40)));
                store.expireDue();
            } else if (dice < 76) {
                store.clear(RemovalReason.CLEARED);
            } else if (dice < 88) {
                CompletableFuture<Void> durable = store.sync().toCompletableFuture();
                while (!durable.isDone()) {
                    journal.writer().writeQueued();
                }
                assertThat(durable).as("seed %d: a sync without a crash", seed).isCompletedWithValue(null);
                acknowledgeAll(store);
                return;
            } else if (dice < 94) {
                journal.writer().writeQueued(); // written, but nobody was told
            } else if (!checkpoints.isEmpty()) {
                checkpoints.poll().run(); // a checkpoint rotated for some time ago
            }
            remember(store);
        }

        private static Inet4Address home(int i) {
            return Ipv4.of(0x0a000001 + i);
        }

        private void acknowledgeAll(DurableBindingStore store) {
            allowed.clear();
            remember(store);
        }

        /** Adds each home address's current bindings to the states it may be found in. */
        private void remember(DurableBindingStore store) {
            for (int i = 0; i < HOMES; i++) {
                List<Binding> now = sorted(store.find(home(i)));
                List<List<Binding>> states = allowed.computeIfAbsent(i, k -> new ArrayList<>());
                if (states.isEmpty() || !states.get(states.size() - 1).equals(now)) {
                    states.add(now);
                }
            }
        }

        private void check(DurableBindingStore store, BindingJournal journal) {
            assertThat(store.lastRestore().problem()).as("seed %d: a crash is not damage", seed).isEmpty();
            assertThat(store.lastRestore().failed()).as("seed %d", seed).isZero();
            Instant now = clock.instant();
            for (int i = 0; i < HOMES; i++) {
                List<Binding> found = sorted(store.find(home(i)));
                assertThat(found.stream().map(Binding::careOfAddress).distinct().count()).as("seed %d: twice", seed)
                        .isEqualTo(found.size());
                List<List<Binding>> states = allowed.getOrDefault(i, List.of(List.of())).stream()
                        .map(state -> state.stream().filter(b -> !b.isExpiredAt(now)).toList()).toList();
                if (!states.contains(found)) {
                    fail("seed %d: home %s restored as %s; it may only be one of %s", seed, home(i).getHostAddress(),
                            found, states);
                }
            }
            assertThat(store.size()).as("seed %d: nothing outside the home addresses used", seed)
                    .isEqualTo(store.list(b -> true).size());
        }

        private static List<Binding> sorted(List<Binding> bindings) {
            return bindings.stream().sorted(BY_CARE_OF).toList();
        }
    }
}
