package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static net.homeagent.store.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingBackupStatus.RestoreCounts;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.api.testing.RecordingBindingListener;
import net.homeagent.mip.codec.wire.Ipv4;

/** The store with its durable backup: what goes to disk comes back after a restart, and only that. */
class BindingBackupTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private Path folder;
    private DurableBindingStore store;

    @BeforeEach
    void start() throws IOException {
        folder = dir.resolve("bindings");
        store = started(new RecordingBindingListener());
    }

    @AfterEach
    void stop() {
        store.deactivate();
    }

    private DurableBindingStore started(RecordingBindingListener listener) throws IOException {
        DurableBindingStore started = new DurableBindingStore(clock, BindingJournal.open(folder, clock));
        started.addListener(listener);
        started.restoreFromBackup();
        return started;
    }

    /** Waits for the backup, stops the store as a bundle update would and starts a new one on the same file. */
    private RecordingBindingListener restart() throws Exception {
        durable();
        store.deactivate();
        RecordingBindingListener listener = new RecordingBindingListener();
        store = started(listener);
        return listener;
    }

    private void durable() throws Exception {
        // A bound so that a broken writer fails the build instead of hanging it; not a timing check.
        store.sync().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    @Test
    void everyFieldOfEveryBindingComesBack() throws Exception {
        Binding plain = binding("10.0.0.1", "192.0.2.1").identification(0xfedcba9876543210L).build();
        Binding withNai = binding("10.0.0.2", "192.0.2.2").nai("mobile@example.net").lifetime(900).build();
        Binding infinite = binding("10.0.0.3", "192.0.2.3").infinite().build();
        Binding udp = new Binding(ip("10.0.0.4"), ip("198.51.100.9"), ip("10.0.0.254"), ip("203.0.113.7"), 40123,
                java.util.Optional.of("ünïcode@example.net"), 1800, T0.plusNanos(123_456_789), T0.plusSeconds(1800),
                77, 0xff, Encapsulation.UDP, true);
        Binding greInUdp = binding("10.0.0.5", "198.51.100.10").udpTunnel(Encapsulation.GRE).build();
        Binding minimalInUdp = binding("10.0.0.6", "198.51.100.11").udpTunnel(Encapsulation.MINIMAL).build();
        List.of(plain, withNai, infinite, udp, greInUdp, minimalInUdp).forEach(b -> store.register(b, false));

        restart();

        assertThat(store.list(b -> true)).containsExactly(plain, withNai, infinite, udp, greInUdp, minimalInUdp);
        assertThat(store.lastRestore()).isEqualTo(new RestoreCounts(6, 0, 0, java.util.Optional.empty()));
    }

    @Test
    void aCheckpointOfTheFirstReleaseWithoutInnerEncapsulationsStillRestores() throws Exception {
        store.deactivate();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Binding udp = binding("10.0.0.1", "198.51.100.9").udpTunnel(Encapsulation.IP_IN_IP).build();
        Binding plain = binding("10.0.0.2", "192.0.2.2").nai("mobile@example.net").build();
        Files.write(folder.resolve("checkpoint-0000000000000001.bin"), SeedBackups.checkpoint(List.of(udp, plain), true));
        Files.write(folder.resolve("log-0000000000000001.wal"), SeedBackups.emptyLog());

        store = started(new RecordingBindingListener());

        assertThat(store.lastRestore()).isEqualTo(new RestoreCounts(2, 0, 0, java.util.Optional.empty()));
        assertThat(store.list(b -> true)).containsExactly(udp, plain);
    }

    @Test
    void restoredBindingsAreAnnouncedAsAddedSoThatTheDataPlaneIsProgrammed() throws Exception {
        Binding a = binding("10.0.0.1", "192.0.2.1").build();
        Binding b = binding("10.0.0.1", "192.0.2.2").build();
        store.register(a, true);
        store.register(b, true);

        RecordingBindingListener heard = restart();

        assertThat(heard.events()).as("told where they came from, so that no replicating listener sends them on")
                .containsExactlyInAnyOrder(BindingEvent.added(a, ChangeOrigin.RESTORED),
                        BindingEvent.added(b, ChangeOrigin.RESTORED));
    }

    @Test
    void expiredBindingsAreDroppedAndTheOthersKeepOnlyTheirRemainingLifetime() throws Exception {
        store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(30).build(), false);
        store.register(binding("10.0.0.2", "192.0.2.2").registeredAt(T0).lifetime(600).build(), false);
        durable();
        store.deactivate();
        clock.advance(Duration.ofSeconds(100)); // "down" for 100 s: the first one expired meanwhile

        store = started(new RecordingBindingListener());

        assertThat(store.lastRestore()).isEqualTo(new RestoreCounts(1, 1, 0, java.util.Optional.empty()));
        Binding kept = store.find(ip("10.0.0.2")).get(0);
        assertThat(kept.expiresAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(kept.remainingSeconds(clock.instant())).isEqualTo(500);
        assertThat(store.find(ip("10.0.0.1"))).isEmpty();

        restart();
        assertThat(store.lastRestore().dropped()).as("the dropped binding was deleted from the backup").isZero();
        clock.advance(Duration.ofSeconds(500));
        assertThat(store.expireDue()).as("the restored binding expires on its original time").isEqualTo(1);
    }

    @Test
    void everyKindOfChangeReachesTheBackup() throws Exception {
        Binding first = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(300).identification(1).build();
        store.register(first, false);
        restart();
        assertThat(store.list(b -> true)).containsExactly(first);

        Binding renewed = binding("10.0.0.1", "192.0.2.1").registeredAt(T0.plusSeconds(10)).lifetime(600)
                .identification(2).build();
        store.register(renewed, false);
        restart();
        assertThat(store.list(b -> true)).containsExactly(renewed);

        Binding moved = binding("10.0.0.1", "192.0.2.9").lifetime(600).identification(3).build();
        store.register(moved, false); // a new care-of address without S replaces the old binding
        restart();
        assertThat(store.list(b -> true)).containsExactly(moved);

        Binding second = binding("10.0.0.1", "192.0.2.10").lifetime(600).build();
        Binding other = binding("10.0.0.2", "192.0.2.20").registeredAt(T0).lifetime(60).build();
        Binding third = binding("10.0.0.3", "192.0.2.30").build();
        store.register(second, true);
        store.register(other, false);
        store.register(third, false);
        store.remove(ip("10.0.0.1"), ip("192.0.2.9"), RemovalReason.DEREGISTERED);
        restart();
        assertThat(store.list(b -> true)).containsExactly(second, other, third);

        clock.advance(Duration.ofSeconds(60));
        assertThat(store.expireDue()).isEqualTo(1);
        restart();
        assertThat(store.list(b -> true)).containsExactly(second, third);
        assertThat(store.lastRestore().dropped()).as("expiry deleted it; restore had nothing to drop").isZero();

        store.clear(RemovalReason.CLEARED);
        restart();
        assertThat(store.size()).isZero();
    }

    @Test
    void aRestartWithNothingChangedRestoresTheSameAgain() throws Exception {
        for (int i = 1; i <= 200; i++) {
            store.register(binding(Ipv4.of(0x0a000000 | i), ip("192.0.2.1")).build(), false);
        }
        durable();
        assertThat(store.lastSync()).contains(clock.instant());
        restart();
        restart();

        assertThat(store.size()).isEqualTo(200);
        assertThat(store.lastRestore().restored()).isEqualTo(200);
        assertThat(store.sizeBytes()).isPositive();
        assertThat(store.lastSync()).as("nothing written since the restart").isEmpty();
    }

    @Test
    void aGarbageCheckpointIsKeptAsideTheLogIsStillReplayedAndTheStoreKeepsWorking() throws Exception {
        Binding logged = binding("10.0.0.9", "192.0.2.9").build();
        store.register(logged, false);
        durable();
        store.deactivate();
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Path checkpoint = only("checkpoint-");
        Files.write(checkpoint, garbage);

        store = started(new RecordingBindingListener());

        assertThat(store.list(b -> true)).as("the log after the checkpoint").containsExactly(logged);
        assertThat(store.lastRestore().problem()).hasValueSatisfying(p -> assertThat(p).contains("does not start with"));
        assertThat(movedAside()).singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(garbage));
        store.remove(logged.homeAddress(), logged.careOfAddress(), RemovalReason.CLEARED);
        Binding fresh = binding("10.0.0.1", "192.0.2.1").build();
        store.register(fresh, false);
        restart();
        assertThat(store.list(b -> true)).containsExactly(fresh);
        assertThat(store.lastRestore().problem()).isEmpty();
    }

    @Test
    void aTruncatedFileNeverStopsTheStoreAndWhatItRestoresIsWhatWasWritten() throws Exception {
        List<Binding> written = new java.util.ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            Binding b = binding(Ipv4.of(0x0a000000 | i), ip("192.0.2.1")).identification(i).build();
            written.add(b);
            store.register(b, false);
            if (i % 100 == 0) {
                durable(); // several commits: several chunks in the file
            }
        }
        durable();
        store.deactivate();
        Path log = only("log-");
        long size = Files.size(log);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(size * 2 / 3);
        }

        store = started(new RecordingBindingListener());

        // The frames before the cut come back, whole; the mark says later ones had been written, so
        // the loss is reported and the damaged segment kept for analysis.
        RestoreCounts counts = store.lastRestore();
        assertThat(written).containsAll(store.list(b -> true));
        assertThat(store.list(b -> true)).containsExactlyElementsOf(written.subList(0, store.size()));
        assertThat(counts.restored()).isEqualTo(store.size()).isLessThan(2000).isPositive();
        assertThat(counts.problem()).hasValueSatisfying(p -> assertThat(p).contains("cut short", "had been written"));
        assertThat(movedAside()).hasSize(1);
        Binding fresh = binding("10.0.0.250", "192.0.2.99").build();
        store.register(fresh, false);
        restart();
        assertThat(store.find(ip("10.0.0.250"))).containsExactly(fresh);
        assertThat(store.lastRestore().problem()).as("reported once, not at every start").isEmpty();
    }

    @Test
    void aSyncAfterTheStoreStoppedFailsInsteadOfWaitingForever() throws Exception {
        DurableBindingStore stopped = store;
        stopped.deactivate();

        assertThat(stopped.sync().toCompletableFuture()).isCompletedExceptionally();
        store = started(new RecordingBindingListener());
    }

    private List<Path> movedAside() throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().contains(".corrupt-")).toList();
        }
    }

    /** The one journal file whose name starts with {@code prefix}. */
    private Path only(String prefix) throws IOException {
        try (var files = Files.list(folder)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }
}
