package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static net.homeagent.store.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.BindingSnapshots.ImportMode;
import net.homeagent.mip.api.BindingSnapshots.ImportResult;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.api.testing.RecordingBindingListener;

/** Snapshots as a stream: what goes out comes back on another node's clock, filtered, checked, journaled. */
class BindingSnapshotsTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    /** The receiving node's clock is an hour ahead: only remaining lifetimes may cross. */
    private static final Instant THEIRS = T0.plus(Duration.ofHours(1));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final MutableClock otherClock = new MutableClock(THEIRS);
    private final List<DurableBindingStore> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(DurableBindingStore::deactivate);
    }

    @Test
    void aRoundTripCarriesTheRemainingLifetimeToAnotherClockThroughTheJournal() throws Exception {
        DurableBindingStore store = store("ours", clock, new RecordingBindingListener());
        Binding first = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(600).nai("a@example.net")
                .udpTunnel(Encapsulation.GRE).build();
        Binding infinite = binding("10.0.0.2", "192.0.2.2").registeredAt(T0).infinite().build();
        store.register(first, false);
        store.register(infinite, false);
        clock.advance(Duration.ofSeconds(100));
        RecordingBindingListener heard = new RecordingBindingListener();
        DurableBindingStore other = store("theirs", otherClock, heard);

        assertThat(other.importFrom(exported(store, BindingFilter.ALL), ImportMode.MERGE, ChangeOrigin.DOWNLOADED))
                .isEqualTo(new ImportResult(2, 2, 0, 0, 0, 0));

        Binding moved = shifted(first, Duration.between(clock.instant(), THEIRS));
        assertThat(other.find(ip("10.0.0.1"))).containsExactly(moved);
        assertThat(moved.expiresAt()).as("500 s left here, 500 s left there").isEqualTo(THEIRS.plusSeconds(500));
        assertThat(other.find(ip("10.0.0.2")).get(0).expiresAt()).isEqualTo(Instant.MAX);
        assertThat(heard.events()).contains(BindingEvent.added(moved, ChangeOrigin.DOWNLOADED));
        assertThat(other.changesWritten()).as("one journal entry a home address").isEqualTo(2);
        other.deactivate();
        started.remove(other);
        assertThat(store("theirs", otherClock, new RecordingBindingListener()).find(ip("10.0.0.1")))
                .as("back from the journal after a restart").containsExactly(moved);
    }

    @Test
    void aFilterTakesARangeOfHomeAddressesAndWhatItsPredicateAccepts() throws Exception {
        DurableBindingStore store = store("ours", clock, new RecordingBindingListener());
        for (int i = 1; i <= 6; i++) {
            store.register(binding("10.0.0." + i, "192.0.2." + i).registeredAt(T0).lifetime(600)
                    .nai(i % 2 == 0 ? "n" + i + "@example.net" : null).build(), false);
        }
        BindingFilter range = BindingFilter.range(ip("10.0.0.2"), ip("10.0.0.5"));
        BindingFilter withNai = range.matching(b -> b.nai().isPresent());

        DurableBindingStore other = store("theirs", clock, new RecordingBindingListener());
        other.importFrom(exported(store, range), ImportMode.MERGE, ChangeOrigin.DOWNLOADED);
        DurableBindingStore third = store("third", clock, new RecordingBindingListener());
        third.importFrom(exported(store, withNai), ImportMode.MERGE, ChangeOrigin.DOWNLOADED);

        assertThat(other.list(b -> true)).extracting(b -> b.homeAddress().getHostAddress())
                .containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5");
        assertThat(third.list(b -> true)).extracting(b -> b.homeAddress().getHostAddress())
                .containsExactly("10.0.0.2", "10.0.0.4");
        List<Binding> shown = new ArrayList<>();
        assertThat(store.export(withNai, shown::add)).isEqualTo(2);
        assertThat(shown).containsExactlyInAnyOrderElementsOf(store.list(withNai::test));
    }

    @Test
    void bindingsWhoseLifetimeRanOutBeforeTheExportAreSkipped() throws Exception {
        DurableBindingStore store = store("ours", clock, new RecordingBindingListener());
        store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(30).build(), false);
        store.register(binding("10.0.0.2", "192.0.2.2").registeredAt(T0).lifetime(600).build(), false);
        clock.advance(Duration.ofSeconds(60)); // the expiry has not run yet: the table still holds it

        DurableBindingStore other = store("theirs", otherClock, new RecordingBindingListener());
        assertThat(other.importFrom(exported(store, BindingFilter.ALL), ImportMode.MERGE, ChangeOrigin.DOWNLOADED))
                .isEqualTo(new ImportResult(2, 1, 1, 0, 0, 0));
        assertThat(other.find(ip("10.0.0.1"))).isEmpty();
    }

    @Test
    void aTruncatedDamagedOrUnknownSnapshotIsRefusedAndNothingIsApplied() throws Exception {
        DurableBindingStore store = store("ours", clock, new RecordingBindingListener());
        store.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(600).build(), false);
        store.register(binding("10.0.0.2", "192.0.2.2").registeredAt(T0).lifetime(600).nai("b@example.net").build(), false);
        byte[] bytes = exported(store, BindingFilter.ALL).readAllBytes();
        RecordingBindingListener heard = new RecordingBindingListener();
        DurableBindingStore other = store("theirs", otherClock, heard);

        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> other.importFrom(new ByteArrayInputStream(cut), ImportMode.MERGE,
                    ChangeOrigin.DOWNLOADED)).as("cut at %d", length).isInstanceOf(IOException.class)
                    .hasMessageContaining(length < 4 ? "not a binding snapshot" : "truncated");
        }
        for (int at = 5; at < bytes.length - 4; at++) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x10;
            assertThatThrownBy(() -> other.importFrom(new ByteArrayInputStream(damaged), ImportMode.MERGE,
                    ChangeOrigin.DOWNLOADED)).as("byte %d flipped", at).isInstanceOf(IOException.class);
        }
        byte[] crc = bytes.clone();
        crc[crc.length - 1] ^= 0x01;
        assertThatThrownBy(() -> other.importFrom(new ByteArrayInputStream(crc), ImportMode.MERGE,
                ChangeOrigin.DOWNLOADED)).hasMessageContaining("CRC-32 mismatch");
        byte[] future = bytes.clone();
        future[4] = 3;
        assertThatThrownBy(() -> other.importFrom(new ByteArrayInputStream(future), ImportMode.MERGE,
                ChangeOrigin.DOWNLOADED)).hasMessageContaining("snapshot format 3");

        assertThat(other.size()).isZero();
        assertThat(heard.events()).isEmpty();
        assertThat(other.changesWritten()).isZero();
        assertThat(other.importFrom(new ByteArrayInputStream(bytes), ImportMode.MERGE, ChangeOrigin.DOWNLOADED).applied())
                .isEqualTo(2);
    }

    @Test
    void aRecordWhoseTimesCannotBeMovedToThisClockIsRefusedAndTheOthersApplied() throws Exception {
        Binding fine = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(600).build();
        Binding farOff = binding("10.0.0.2", "192.0.2.2").registeredAt(Instant.MAX.minusSeconds(10)).infinite().build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SnapshotStream.Writer writer = new SnapshotStream.Writer(bytes, T0, BindingFilter.ALL);
        writer.write(fine);
        writer.write(farOff);
        writer.finish();
        DurableBindingStore other = store("theirs", otherClock, new RecordingBindingListener());

        assertThat(other.importFrom(new ByteArrayInputStream(bytes.toByteArray()), ImportMode.MERGE,
                ChangeOrigin.DOWNLOADED)).isEqualTo(new ImportResult(2, 1, 0, 1, 0, 0));
        assertThat(other.find(ip("10.0.0.2"))).isEmpty();
    }

    @Test
    void replaceGivesEachHomeAddressOfTheRangeExactlyTheSnapshotsBindings() throws Exception {
        DurableBindingStore peer = store("peer", clock, new RecordingBindingListener());
        Binding current = binding("10.0.0.1", "192.0.2.7").registeredAt(T0).lifetime(600).build();
        peer.register(current, false);
        RecordingBindingListener heard = new RecordingBindingListener();
        DurableBindingStore learner = store("learner", clock, heard);
        Binding stale = binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(600).build();
        Binding gone = binding("10.0.0.9", "192.0.2.9").registeredAt(T0).lifetime(600).build();
        Binding outside = binding("10.1.0.1", "192.0.2.3").registeredAt(T0).lifetime(600).build();
        List.of(stale, gone, outside).forEach(b -> learner.register(b, false));
        BindingFilter range = BindingFilter.range(ip("10.0.0.0"), ip("10.0.0.255"));

        assertThat(learner.importFrom(exported(peer, range), ImportMode.REPLACE, ChangeOrigin.DOWNLOADED))
                .isEqualTo(new ImportResult(1, 1, 0, 0, 0, 2));

        assertThat(learner.list(b -> true)).containsExactly(current, outside);
        assertThat(heard.events()).contains(BindingEvent.removed(stale, RemovalReason.REPLACED, ChangeOrigin.DOWNLOADED),
                BindingEvent.removed(gone, RemovalReason.REPLACED, ChangeOrigin.DOWNLOADED),
                BindingEvent.added(current, ChangeOrigin.DOWNLOADED));
    }

    @Test
    void aSnapshotTakenWithAPredicateCannotReplaceItsRange() throws Exception {
        DurableBindingStore peer = store("peer", clock, new RecordingBindingListener());
        peer.register(binding("10.0.0.1", "192.0.2.7").registeredAt(T0).lifetime(600).build(), false);
        DurableBindingStore learner = store("learner", clock, new RecordingBindingListener());
        Binding held = binding("10.0.0.2", "192.0.2.2").registeredAt(T0).lifetime(600).build();
        learner.register(held, false);

        assertThatThrownBy(() -> learner.importFrom(exported(peer, BindingFilter.ALL.matching(b -> true)),
                ImportMode.REPLACE, ChangeOrigin.DOWNLOADED)).isInstanceOf(IOException.class)
                .hasMessageContaining("predicate");
        assertThat(learner.list(b -> true)).containsExactly(held);
    }

    @Test
    void aRegistrationMadeWhileTheImportRunsIsNotOverwrittenBySnapshot() throws Exception {
        DurableBindingStore peer = store("peer", clock, new RecordingBindingListener());
        peer.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(600).build(), false);
        peer.register(binding("10.0.0.2", "192.0.2.2").registeredAt(T0).lifetime(600).build(), false);
        DurableBindingStore learner = store("learner", clock, new RecordingBindingListener());
        Binding newer = binding("10.0.0.1", "198.51.100.1").registeredAt(T0).lifetime(900).build();
        // the registration arrives while the snapshot is being read, after the import began
        InputStream stream = new FilterInputStream(exported(peer, BindingFilter.ALL)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (learner.find(ip("10.0.0.1")).isEmpty()) {
                    learner.register(newer, false);
                }
                return super.read(b, off, len);
            }
        };

        ImportResult result = learner.importFrom(stream, ImportMode.REPLACE, ChangeOrigin.DOWNLOADED);

        assertThat(result).isEqualTo(new ImportResult(2, 1, 0, 0, 1, 0));
        assertThat(learner.find(ip("10.0.0.1"))).containsExactly(newer);
        assertThat(learner.find(ip("10.0.0.2"))).hasSize(1);
    }

    @Test
    void anImportThatFinishedWhileAnotherRanIsNotWrittenOverByIt() throws Exception {
        DurableBindingStore older = store("older", clock, new RecordingBindingListener());
        older.register(binding("10.0.0.1", "192.0.2.1").registeredAt(T0).lifetime(600).build(), false);
        DurableBindingStore newer = store("newer", clock, new RecordingBindingListener());
        Binding current = binding("10.0.0.1", "192.0.2.2").registeredAt(T0).lifetime(600).build();
        newer.register(current, false);
        DurableBindingStore learner = store("learner", clock, new RecordingBindingListener());
        boolean[] overtaken = {false};
        InputStream slow = new FilterInputStream(exported(older, BindingFilter.ALL)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!overtaken[0]) {
                    overtaken[0] = true;
                    learner.importFrom(exported(newer, BindingFilter.ALL), ImportMode.REPLACE, ChangeOrigin.DOWNLOADED);
                }
                return super.read(b, off, len);
            }
        };

        assertThat(learner.importFrom(slow, ImportMode.REPLACE, ChangeOrigin.DOWNLOADED).keptNewer()).isEqualTo(1);
        assertThat(learner.find(ip("10.0.0.1"))).containsExactly(current);
    }

    @Test
    void importsDuringConcurrentRegistrationsKeepEveryNewerRegistration() throws Exception {
        DurableBindingStore peer = store("peer", clock, new RecordingBindingListener());
        for (int i = 0; i < 1024; i++) {
            peer.register(binding(home(i), ip("192.0.2.1")).registeredAt(T0).lifetime(600).build(), false);
        }
        byte[] snapshot = exported(peer, BindingFilter.ALL).readAllBytes();
        DurableBindingStore learner = store("learner", clock, new RecordingBindingListener());
        CountDownLatch importing = new CountDownLatch(1);
        CountDownLatch firstRound = new CountDownLatch(2);
        Binding[] last = new Binding[1024];
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Thread> registrars = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int parity = t;
            Thread registrar = new Thread(() -> {
                try {
                    importing.await();
                    for (int round = 1; round <= 3; round++) {
                        for (int i = parity; i < 1024; i += 4) {
                            last[i] = binding(home(i), ip("198.51.100." + round)).registeredAt(T0).lifetime(900).build();
                            learner.register(last[i], false);
                        }
                        firstRound.countDown();
                    }
                } catch (Throwable e) {
                    failed.set(e);
                }
            });
            registrar.start();
            registrars.add(registrar);
        }
        InputStream stream = new FilterInputStream(new ByteArrayInputStream(snapshot)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                importing.countDown();
                try { // the first round lands while the snapshot is read; the others race its application
                    firstRound.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return super.read(b, off, len);
            }
        };

        ImportResult result = learner.importFrom(stream, ImportMode.REPLACE, ChangeOrigin.DOWNLOADED);
        for (Thread registrar : registrars) {
            registrar.join();
        }

        assertThat(failed.get()).isNull();
        assertThat(result.applied() + result.keptNewer()).isEqualTo(1024);
        for (int i = 0; i < 1024; i++) {
            if (last[i] != null) {
                assertThat(learner.find(home(i))).as("home %d", i).containsExactly(last[i]);
            } else {
                assertThat(learner.find(home(i))).as("home %d", i).hasSize(1)
                        .allMatch(b -> b.careOfAddress().equals(ip("192.0.2.1")));
            }
        }
    }

    @Test
    void aFileOfTheEarlierFormatWithAbsoluteTimesIsStillRead() throws Exception {
        Binding old = binding("10.0.0.1", "192.0.2.1").registeredAt(THEIRS).lifetime(600).build();
        byte[] bytes = SeedBackups.snapshotOfTheFirstRelease(List.of(old));
        DurableBindingStore other = store("theirs", otherClock, new RecordingBindingListener());

        assertThat(other.importFrom(new ByteArrayInputStream(bytes), ImportMode.MERGE,
                ChangeOrigin.IMPORTED).applied()).isEqualTo(1);
        assertThat(other.find(ip("10.0.0.1"))).containsExactly(old);
    }

    @Test
    void anImportIsAnotherNodesChangeNeverALocalOne() throws Exception {
        DurableBindingStore store = store("ours", clock, new RecordingBindingListener());
        byte[] bytes = exported(store, BindingFilter.ALL).readAllBytes();

        assertThatThrownBy(() -> store.importFrom(new ByteArrayInputStream(bytes), ImportMode.MERGE, ChangeOrigin.LOCAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.importFrom(new ByteArrayInputStream(bytes), ImportMode.MERGE,
                ChangeOrigin.RESTORED)).isInstanceOf(IllegalArgumentException.class);
    }

    private DurableBindingStore store(String name, MutableClock on, RecordingBindingListener listener) throws IOException {
        DurableBindingStore store = new DurableBindingStore(on, BindingJournal.open(dir.resolve(name), on));
        store.addListener(listener);
        store.restoreFromBackup();
        started.add(store);
        return store;
    }

    private static InputStream exported(DurableBindingStore store, BindingFilter filter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.export(filter, out);
        return new ByteArrayInputStream(out.toByteArray());
    }

    private static java.net.Inet4Address home(int i) {
        return ip("10.0." + (i >> 8) + "." + (i & 0xff));
    }

    private static Binding shifted(Binding b, Duration by) {
        return new Binding(b.homeAddress(), b.careOfAddress(), b.homeAgent(), b.sourceAddress(), b.sourcePort(), b.nai(),
                b.grantedLifetime(), b.registeredAt().plus(by), b.expiresAt().plus(by), b.identification(), b.flags(),
                b.encapsulation(), b.reverseTunnel(), b.innerEncapsulation());
    }
}
