package net.homeagent.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingBackupStatus.RestoreCounts;
import net.homeagent.mip.api.ChangeOrigin;

/**
 * Puts the journal's bindings back into the table at start (docs/storage.md, "Restore at start"):
 * the checkpoint and the log are replayed quietly, each change a home address's whole state, with
 * neither journal nor listeners involved; then expired bindings are dropped (and their removal
 * journaled) and the others announced as ADDED. They keep their {@code expiresAt}, so they live out
 * only their remaining lifetime. The time reported covers reading the files.
 */
final class JournalRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    private final JournaledBindingTable table;

    JournalRecovery(JournaledBindingTable table) {
        this.table = table;
    }

    RestoreCounts restore(BindingJournal from) {
        long started = System.nanoTime();
        JournalRestore.Outcome outcome;
        try {
            outcome = from.restore(this::replayHome, table::forEachHome);
        } catch (IOException | RuntimeException e) {
            LOG.error("Binding backup {} could not be read; the bindings read so far are kept in memory, and changes "
                    + "are not backed up until the binding store restarts: {}", from.location(), e.toString(), e);
            return new RestoreCounts(table.size(), 0, 0, Optional.of("backup " + from.location() + " could not be read: "
                    + e + "; changes are not backed up until the binding store restarts"));
        }
        long replayed = System.nanoTime();
        long[] restoredAndDropped = table.announceRestored();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("Restored {} bindings from {} in {} ms (reading and replaying the journal {} ms, announcing them {} ms); "
                + "dropped {} expired, {} failed", restoredAndDropped[0], from.location(), millis,
                TimeUnit.NANOSECONDS.toMillis(replayed - started), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replayed),
                restoredAndDropped[1], outcome.failed());
        return new RestoreCounts(restoredAndDropped[0], restoredAndDropped[1], outcome.failed(), outcome.problem());
    }

    /**
     * Puts {@code home} in the state the journal holds: its bindings now are replaced by the
     * readable ones of {@code stored}.
     *
     * @return the records this release cannot read (not restored; JournalRestore counts and reports them)
     */
    private int replayHome(int home, List<JournalFormat.StoredBinding> stored) {
        List<Binding> readable = new ArrayList<>(stored.size());
        for (JournalFormat.StoredBinding binding : stored) {
            long key = (long) home << 32 | binding.careOf() & 0xffff_ffffL;
            try {
                readable.add(BindingRecord.decode(key, binding.record()));
            } catch (IllegalArgumentException e) {
                // not restored; counted below
            }
        }
        table.replaceHome(home, held -> readable, ChangeOrigin.RESTORED, null);
        return stored.size() - readable.size();
    }
}
