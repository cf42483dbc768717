package net.homeagent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The binding table's durable copy: an H2 MVStore file holding one {@link BindingRecord} per
 * binding (a checkpoint and the change log appended since, {@link ChangeLog}), kept up to date by
 * a {@link BackupWriter}. MVStore is log-structured: every commit
 * appends a chunk and never overwrites live data, and on open it uses the newest chunk whose
 * checksums are intact, so a crash in the middle of a write leaves the previous commit readable.
 * <p>
 * A file that cannot be opened or read to the end never stops the appliance: what could be read
 * is restored, the damaged file is moved aside as {@code <name>.corrupt-<UTC time>} for analysis,
 * an error says so, and a fresh file is started with the bindings that were read.
 */
final class BindingBackup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BindingBackup.class);
    private static final DateTimeFormatter ASIDE_SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Decode failures logged one by one at most; the rest only counted. */
    private static final int FAILURES_LOGGED = 10;

    /**
     * What the file held when it was opened.
     *
     * @param records the records that could be read, by binding key in key order, not decoded yet: the
     *                restore decodes and takes them one by one ({@code pollFirstEntry}), so that a
     *                large table is never held twice, as records and as bindings
     * @param failed  changes without a key (kept in the file)
     * @param problem what was wrong with the file, and where it was kept
     */
    record Loaded(TreeMap<Long, byte[]> records, long failed, Optional<String> problem) {
    }

    private final Path file;
    private final MVStore store;
    private final ChangeLog log;
    private final BackupWriter writer;
    private final Loaded loaded;

    private BindingBackup(Path file, MVStore store, Loaded loaded, int maxBatch, Clock clock) {
        this.file = file;
        this.store = store;
        this.loaded = loaded;
        this.log = new ChangeLog(store, clock);
        CommitMark mark = new CommitMark(file);
        // From here on the mark follows this file, whatever it said before.
        mark.write(store.getCurrentVersion());
        this.writer = new BackupWriter(store, log, mark, maxBatch, clock);
    }

    /**
     * Opens (or creates) the backup at {@code file} and reads it; the writer is not started yet.
     *
     * @throws IOException only if no backup can be kept there at all (a fresh file cannot be made)
     */
    static BindingBackup open(Path file, int maxBatch, Clock clock) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean existed = Files.exists(file);
        TreeMap<Long, byte[]> read = new TreeMap<>();
        long[] failed = {0};
        MVStore store = null;
        try {
            store = openStore(file);
            ChangeLog.read(store, read, failed);
            Optional<String> lostTail = existed ? checkAgainstMark(file, store, clock) : Optional.empty();
            return new BindingBackup(file, store, new Loaded(read, failed[0], lostTail), maxBatch, clock);
        } catch (RuntimeException damaged) {
            // MVStoreException and whatever else a damaged file makes the library throw.
            if (store != null) {
                store.closeImmediately();
            }
            if (isNotDamage(damaged)) {
                // Locked by another process, or the disk refuses writes: the file may be fine, so
                // it is left where it is and the store starts without a backup.
                throw new IOException("binding backup " + file + " cannot be used: " + damaged.getMessage(), damaged);
            }
            return startAfresh(file, read, failed[0], damaged, maxBatch, clock);
        }
    }

    /** Starts writing to disk (and folding the change log); until then changes only queue. */
    void start() {
        writer.start();
        log.start();
    }

    BackupWriter writer() {
        return writer;
    }

    Loaded loaded() {
        return loaded;
    }

    Path location() {
        return file;
    }

    long sizeBytes() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        writer.stop();
        log.stop();
        store.close();
    }

    private static MVStore openStore(Path file) {
        // No background thread: the BackupWriter commits, syncs and compacts on its own thread.
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    }

    /** Logs a record the restore could not decode; the first few one by one, the rest only counted. */
    void reportUnreadable(long key, IllegalArgumentException unreadable, long failedSoFar) {
        if (failedSoFar <= FAILURES_LOGGED) {
            LOG.error("Binding backup {}: the record of {} care-of {} cannot be read ({}); it is kept in the file and "
                    + "not restored", file, Ipv4.homeAddressOf(key).getHostAddress(),
                    Ipv4.careOfAddressOf(key).getHostAddress(), unreadable.getMessage());
        }
    }

    /**
     * MVStore opens a file whose newest commits are truncated or damaged at the newest intact one,
     * without a word; the {@link CommitMark} tells whether newer ones had been on disk.
     */
    private static Optional<String> checkAgainstMark(Path file, MVStore store, Clock clock) throws IOException {
        OptionalLong marked = new CommitMark(file).read();
        long opened = store.getCurrentVersion();
        if (marked.isEmpty() || marked.getAsLong() <= opened) {
            return Optional.empty();
        }
        Path copy = asideName(file, clock);
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        String problem = "backup file " + file + " ends at commit " + opened + " but commit " + marked.getAsLong()
                + " had been written: its newest commits are truncated or damaged. The valid prefix (up to commit "
                + opened + ") is restored; bindings changed after it are lost unless their mobile nodes register "
                + "again. A copy of the damaged file was kept at " + copy + " for analysis";
        LOG.error("Binding backup: {}", problem);
        return Optional.of(problem);
    }

    private static Path asideName(Path file, Clock clock) {
        return file.resolveSibling(file.getFileName() + ".corrupt-" + ASIDE_SUFFIX.format(clock.instant()));
    }

    private static boolean isNotDamage(RuntimeException failure) {
        return failure instanceof MVStoreException e && (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED
                || e.getErrorCode() == DataUtils.ERROR_WRITING_FAILED);
    }

    private static BindingBackup startAfresh(Path file, TreeMap<Long, byte[]> read, long failed, RuntimeException damage,
            int maxBatch, Clock clock) throws IOException {
        Path aside = asideName(file, clock);
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        String problem = "backup file " + file + " is truncated or damaged (" + damage.getMessage() + "); it was moved to " + aside
                + " for analysis and the " + read.size() + " bindings read before the damage are restored";
        LOG.error("Binding backup: {}", problem, damage);
        MVStore store = openStore(file);
        MVMap<Long, byte[]> map = store.openMap(ChangeLog.CHECKPOINT);
        read.forEach(map::put);
        store.commit();
        store.sync();
        return new BindingBackup(file, store, new Loaded(read, failed, Optional.of(problem)), maxBatch, clock);
    }
}
