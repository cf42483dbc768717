package net.homeagent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingBackupStatus;
import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.mip.api.ChangeOrigin;

class BackupCommandsTest {

    private final FakeBackup backup = new FakeBackup();
    private final FakeSnapshots snapshots = new FakeSnapshots();

    @TempDir
    Path dir;

    @Test
    void backupShowsWhereHowBigLastSyncAndWhatTheRestoreFound() {
        BackupCommand command = new BackupCommand();
        command.backup = backup;

        assertThat(command.render().lines()).containsExactly(
                "Binding backup enabled",
                "Location /var/ha/data/bindings, 8192 bytes",
                "Last sync 2024-01-01T00:00:05Z",
                "Changes written 1500 in 12 syncs, 3 checkpoints since the start, write failures 1",
                "Last write failure: 2024-01-01T00:00:04Z: checkpoint 7 could not be written: disk full",
                "Last restore: 200 restored, 3 dropped (expired), 1 failed",
                "Problem: the file was damaged");
    }

    @Test
    void exportWritesTheSnapshotUnderTheFilesNameAndImportMergesItAsImported() throws IOException {
        BackupExportCommand export = new BackupExportCommand();
        export.snapshots = snapshots;
        Path file = dir.resolve("exports").resolve("snap.bin");
        export.file = file.toString();
        BackupImportCommand importer = new BackupImportCommand();
        importer.snapshots = snapshots;
        importer.file = file.toString();

        assertThat(export.render()).isEqualTo("Exported 42 bindings to " + file + System.lineSeparator());
        assertThat(Files.readAllBytes(file)).isEqualTo(FakeSnapshots.SNAPSHOT);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no partial file left").containsExactly(file);
        }
        assertThat(importer.render()).isEqualTo("Imported 40 bindings from " + file + ", dropped 2 expired, 1 unreadable"
                + System.lineSeparator());
        assertThat(snapshots.imported).containsExactly(FakeSnapshots.SNAPSHOT);
        assertThat(snapshots.filter).isEqualTo(BindingFilter.ALL);
    }

    @Test
    void aFailedImportIsOneLineNotAStackTrace() throws IOException {
        BackupImportCommand importer = new BackupImportCommand();
        importer.snapshots = snapshots;
        Path broken = dir.resolve("broken.bin");
        Files.write(broken, new byte[] {1});
        importer.file = broken.toString();
        snapshots.failure = new IOException("snapshot is damaged: CRC-32 mismatch; nothing imported");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        ConsoleOutput.print(importer::render, new java.io.PrintStream(bytes, true));

        assertThat(bytes.toString()).isEqualTo("% Could not import " + broken
                + ": snapshot is damaged: CRC-32 mismatch; nothing imported" + System.lineSeparator());
    }

    /** Writes fixed bytes and records what it is given to import. */
    private static final class FakeSnapshots implements BindingSnapshots {
        static final byte[] SNAPSHOT = {'M', 'I', 'P', 'B', 2, 7};
        final List<byte[]> imported = new ArrayList<>();
        BindingFilter filter;
        IOException failure;

        @Override
        public long export(BindingFilter filter, OutputStream out) throws IOException {
            this.filter = filter;
            out.write(SNAPSHOT);
            return 42;
        }

        @Override
        public long export(BindingFilter filter, Consumer<Binding> consumer) {
            throw new UnsupportedOperationException("the commands write streams");
        }

        @Override
        public ImportResult importFrom(InputStream in, ImportMode mode, ChangeOrigin origin) throws IOException {
            if (failure != null) {
                throw failure;
            }
            assertThat(mode).isEqualTo(ImportMode.MERGE);
            assertThat(origin).isEqualTo(ChangeOrigin.IMPORTED);
            imported.add(in.readAllBytes());
            return new ImportResult(43, 40, 2, 1, 0, 0);
        }
    }

    private static final class FakeBackup implements BindingBackupStatus {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Path location() {
            return Path.of("/var/ha/data/bindings");
        }

        @Override
        public long sizeBytes() {
            return 8192;
        }

        @Override
        public Optional<Instant> lastSync() {
            return Optional.of(Instant.parse("2024-01-01T00:00:05Z"));
        }

        @Override
        public RestoreCounts lastRestore() {
            return new RestoreCounts(200, 3, 1, Optional.of("the file was damaged"));
        }

        @Override
        public long writeFailures() {
            return 1;
        }

        @Override
        public Optional<String> lastWriteFailure() {
            return Optional.of("2024-01-01T00:00:04Z: checkpoint 7 could not be written: disk full");
        }

        @Override
        public long checkpoints() {
            return 3;
        }

        @Override
        public long changesWritten() {
            return 1500;
        }

        @Override
        public long syncs() {
            return 12;
        }
    }
}
