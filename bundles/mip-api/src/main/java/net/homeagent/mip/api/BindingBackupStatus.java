package net.homeagent.mip.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable backup of the binding table: where it is, how it is doing, what the last restore
 * found. Snapshots of the table for another appliance or a peer are {@link BindingSnapshots}.
 */
@ProviderType
public interface BindingBackupStatus {

    /** Whether bindings are backed up at all (configuration {@code backupEnabled}). */
    boolean enabled();

    /** The backup's folder. */
    Path location();

    /** Its size on disk in bytes (checkpoint and log), 0 if it does not exist. */
    long sizeBytes();

    /** When the last batch of changes was forced to disk; empty before the first one. */
    Optional<Instant> lastSync();

    /** What the restore at start found. */
    RestoreCounts lastRestore();

    /**
     * Groups of changes that could not be written, and checkpoints that could not be written,
     * since the start (the bindings stayed in memory; a failed checkpoint leaves the log longer).
     */
    long writeFailures();

    /** What the newest of those failures was, and when. */
    Optional<String> lastWriteFailure();

    /** Checkpoints written since the start (each replaces the log before it). */
    long checkpoints();

    /** Changes written and forced to disk since the start. */
    long changesWritten();

    /** Forced writes (group commits) since the start; each covers one or more changes. */
    long syncs();

    /**
     * @param restored bindings put back in the table
     * @param dropped  bindings that had expired meanwhile
     * @param failed   records that could not be read
     * @param problem  what went wrong with the file, if anything (and where a damaged file was kept)
     */
    record RestoreCounts(long restored, long dropped, long failed, Optional<String> problem) {
        public static final RestoreCounts NONE = new RestoreCounts(0, 0, 0, Optional.empty());
    }
}
