package net.homeagent.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.BindingBackupStatus.RestoreCounts;

/** What {@code mip:backup} and the MIB show of the journal: where it is, its counters, what the restore found. */
final class JournalStatus {

    private final BackupSettings settings;
    private final Optional<BindingJournal> journal;
    private volatile RestoreCounts lastRestore;

    JournalStatus(BackupSettings settings, Optional<BindingJournal> journal) {
        this.settings = settings;
        this.journal = journal;
        this.lastRestore = settings.enabled() && journal.isEmpty()
                ? new RestoreCounts(0, 0, 0, Optional.of("backup " + settings.location()
                        + " could not be opened; bindings are kept in memory only (see the log)"))
                : RestoreCounts.NONE;
    }

    void restored(RestoreCounts counts) {
        lastRestore = counts;
    }

    public boolean enabled() {
        return journal.isPresent();
    }

    public Path location() {
        return settings.location();
    }

    public long sizeBytes() {
        return journal.map(BindingJournal::sizeBytes).orElse(0L);
    }

    public Optional<Instant> lastSync() {
        return journal.flatMap(j -> j.writer().lastSync());
    }

    public RestoreCounts lastRestore() {
        return lastRestore;
    }

    public long writeFailures() {
        return journal.map(BindingJournal::failures).orElse(0L);
    }

    public Optional<String> lastWriteFailure() {
        return journal.flatMap(BindingJournal::lastFailure);
    }

    public long checkpoints() {
        return journal.map(BindingJournal::checkpoints).orElse(0L);
    }

    public long changesWritten() {
        return journal.map(j -> j.writer().changesWritten()).orElse(0L);
    }

    public long syncs() {
        return journal.map(j -> j.writer().syncs()).orElse(0L);
    }
}
