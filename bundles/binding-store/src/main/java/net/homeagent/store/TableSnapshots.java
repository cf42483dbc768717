package net.homeagent.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * {@link BindingSnapshots} over the {@link JournaledBindingTable}: exports walk the table a home
 * address at a time into a {@link SnapshotStream}; imports read and check a whole snapshot, then
 * put each home address in its new state with one {@link JournaledBindingTable#replaceHome}, which
 * journals it and tells the listeners, and leaves alone what changed here since the import began.
 */
final class TableSnapshots implements BindingSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(TableSnapshots.class);
    /** How long a snapshot export or import waits for the journal to catch up. */
    private static final long SYNC_TIMEOUT_SECONDS = 120;

    private final JournaledBindingTable table;
    private final Clock clock;

    TableSnapshots(JournaledBindingTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public long export(BindingFilter filter, OutputStream out) throws IOException {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(out, "out");
        await(table.sync(), "export");
        // taken before the walk: a remaining lifetime counted from it errs long, never short
        SnapshotStream.Writer writer = new SnapshotStream.Writer(out, clock.instant(), filter);
        try {
            export(filter, binding -> {
                try {
                    writer.write(binding);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long written = writer.finish();
        LOG.info("Exported a snapshot of {} bindings of home addresses {} - {}{}", written, filter.firstHome().getHostAddress(),
                filter.lastHome().getHostAddress(), filter.wholeRange() ? "" : ", filtered");
        return written;
    }

    @Override
    public long export(BindingFilter filter, Consumer<Binding> consumer) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(consumer, "consumer");
        long[] shown = {0};
        table.forEachHome((home, bindings) -> {
            if (filter.covers(Ipv4.of(home))) {
                for (Binding binding : bindings) {
                    if (filter.test(binding)) {
                        consumer.accept(binding);
                        shown[0]++;
                    }
                }
            }
        });
        return shown[0];
    }

    @Override
    public ImportResult importFrom(InputStream in, ImportMode mode, ChangeOrigin origin) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(mode, "mode");
        if (Objects.requireNonNull(origin, "origin") == ChangeOrigin.LOCAL || origin == ChangeOrigin.RESTORED) {
            throw new IllegalArgumentException("an import's origin is another node's or a file's, not " + origin);
        }
        // before reading: whatever changes here from now on is newer than the snapshot
        ChangeWatch watch = table.watchChanges();
        try {
            SnapshotStream.Snapshot snapshot = SnapshotStream.read(in);
            if (mode == ImportMode.REPLACE && !snapshot.wholeRange()) {
                throw new IOException("the snapshot was taken with a predicate, so it holds part of its range only; "
                        + "it can be merged but cannot replace the range; nothing imported");
            }
            ImportResult result = apply(snapshot, mode, origin, watch);
            await(table.sync(), "import");
            LOG.info("Imported a snapshot ({}, origin {}): {}", mode, origin, result);
            return result;
        } finally {
            table.unwatch(watch);
        }
    }

    private ImportResult apply(SnapshotStream.Snapshot snapshot, ImportMode mode, ChangeOrigin origin,
            ChangeWatch watch) {
        Instant now = clock.instant();
        Map<Integer, List<Binding>> incoming = new LinkedHashMap<>();
        Set<Integer> unreadable = new HashSet<>();
        long expired = 0;
        for (SnapshotStream.Entry entry : snapshot.entries()) {
            int home = (int) (entry.key() >>> 32);
            try {
                Binding binding = rebased(BindingRecord.decode(entry.key(), entry.record()), snapshot.takenAt(), now);
                if (binding.isExpiredAt(now)) {
                    expired++;
                } else {
                    incoming.computeIfAbsent(home, h -> new ArrayList<>(1)).add(binding);
                }
            } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
                unreadable.add(home); // not a record of ours, or times this clock cannot move
            }
        }
        long refused = snapshot.entries().size() - expired - incoming.values().stream().mapToLong(List::size).sum();
        if (mode == ImportMode.REPLACE) {
            // a home address of the range the snapshot does not hold has no binding at the peer
            for (int[] homes : table.homesBySegment()) {
                for (int home : homes) {
                    if (inRange(snapshot, home)) {
                        incoming.putIfAbsent(home, List.of());
                    }
                }
            }
            unreadable.forEach(incoming::remove); // its state is not known whole: it keeps its own
        }
        long applied = 0;
        long keptNewer = 0;
        long removed = 0;
        for (Map.Entry<Integer, List<Binding>> home : incoming.entrySet()) {
            List<Binding> bindings = home.getValue();
            Optional<List<Binding>> before = table.replaceHome(home.getKey(),
                    held -> mode == ImportMode.MERGE ? merged(held, bindings) : bindings, origin, watch);
            if (before.isEmpty()) {
                keptNewer += bindings.size();
            } else {
                applied += bindings.size();
                removed += before.get().stream().filter(old -> atCareOf(bindings, old) == null).count();
            }
        }
        return new ImportResult(snapshot.entries().size(), applied, expired, refused, keptNewer,
                mode == ImportMode.REPLACE ? removed : 0);
    }

    /** {@code held} with {@code incoming} over it: a binding at the same care-of address is the snapshot's. */
    private static List<Binding> merged(List<Binding> held, List<Binding> incoming) {
        List<Binding> merged = new ArrayList<>(incoming);
        held.stream().filter(b -> atCareOf(incoming, b) == null).forEach(merged::add);
        return merged;
    }

    private static Binding atCareOf(List<Binding> bindings, Binding of) {
        return bindings.stream().filter(b -> b.careOfAddress().equals(of.careOfAddress())).findFirst().orElse(null);
    }

    private static boolean inRange(SnapshotStream.Snapshot snapshot, int home) {
        return Integer.compareUnsigned(home, snapshot.firstHome()) >= 0
                && Integer.compareUnsigned(home, snapshot.lastHome()) <= 0;
    }

    /**
     * {@code binding} with its times moved from the sender's clock to ours: the same remaining
     * lifetime and age, counted from {@code now}. Absolute times (format 1) stay as they are.
     */
    private static Binding rebased(Binding binding, Optional<Instant> takenAt, Instant now) {
        if (takenAt.isEmpty()) {
            return binding;
        }
        Duration shift = Duration.between(takenAt.get(), now);
        Instant expiresAt = Lifetimes.neverExpires(binding) ? binding.expiresAt() : binding.expiresAt().plus(shift);
        return new Binding(binding.homeAddress(), binding.careOfAddress(), binding.homeAgent(), binding.sourceAddress(),
                binding.sourcePort(), binding.nai(), binding.grantedLifetime(), binding.registeredAt().plus(shift),
                expiresAt, binding.identification(), binding.flags(), binding.encapsulation(), binding.reverseTunnel(),
                binding.innerEncapsulation());
    }

    private static void await(CompletionStage<Void> durable, String what) throws IOException {
        try {
            durable.toCompletableFuture().get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("snapshot " + what + ": the backup could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("snapshot " + what + ": the backup did not catch up within "
                    + SYNC_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("snapshot " + what + " interrupted", e);
        }
    }
}
