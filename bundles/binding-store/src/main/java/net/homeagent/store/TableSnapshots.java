package net.homeagent.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingBackupStatus.RestoreCounts;
import net.homeagent.mip.api.ChangeOrigin;

/** Snapshots of the table for migration: {@link SnapshotFile}s written from it and registered into it. */
final class TableSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(TableSnapshots.class);
    /** How long a snapshot export or import waits for the journal to catch up. */
    private static final long SYNC_TIMEOUT_SECONDS = 120;

    private final JournaledBindingTable table;
    private final Clock clock;

    TableSnapshots(JournaledBindingTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /**
     * The table, consistent per home address, after every earlier change reached the journal (with
     * one): what the snapshot holds is then also on disk.
     */
    long exportSnapshot(Path file) throws IOException {
        await(table.sync(), "export");
        List<SnapshotFile.Entry> entries = new ArrayList<>();
        table.list(b -> true).forEach(b -> entries.add(new SnapshotFile.Entry(BindingRecord.keyOf(b), BindingRecord.encode(b))));
        long written = SnapshotFile.write(file, entries);
        LOG.info("Exported a snapshot of {} bindings to {}", written, file);
        return written;
    }

    RestoreCounts importSnapshot(Path file) throws IOException {
        List<SnapshotFile.Entry> entries = SnapshotFile.read(file);
        Instant now = clock.instant();
        long restored = 0;
        long dropped = 0;
        long failed = 0;
        for (SnapshotFile.Entry entry : entries) {
            try {
                Binding binding = BindingRecord.decode(entry.key(), entry.record());
                if (binding.isExpiredAt(now)) {
                    dropped++;
                } else {
                    table.register(binding, true, ChangeOrigin.IMPORTED);
                    restored++;
                }
            } catch (IllegalArgumentException unreadable) {
                failed++;
            }
        }
        await(table.sync(), "import");
        RestoreCounts counts = new RestoreCounts(restored, dropped, failed, failed == 0 ? Optional.empty()
                : Optional.of(failed + " records of " + file + " could not be read"));
        LOG.info("Imported {} bindings from {} ({} expired, {} unreadable)", restored, file, dropped, failed);
        return counts;
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
