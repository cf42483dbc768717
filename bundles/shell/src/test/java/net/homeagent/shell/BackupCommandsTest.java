package net.homeagent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.BindingBackupStatus;

class BackupCommandsTest {

    private final FakeBackup backup = new FakeBackup();

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
    void exportAndImportNameTheFileAndTheCounts() {
        BackupExportCommand export = new BackupExportCommand();
        export.backup = backup;
        export.file = "/tmp/snap.bin";
        BackupImportCommand importer = new BackupImportCommand();
        importer.backup = backup;
        importer.file = "/tmp/snap.bin";

        assertThat(export.render()).isEqualTo("Exported 42 bindings to /tmp/snap.bin" + System.lineSeparator());
        assertThat(importer.render()).isEqualTo("Imported 40 bindings from /tmp/snap.bin, dropped 2 expired, 0 unreadable"
                + System.lineSeparator());
        assertThat(backup.paths).containsExactly(Path.of("/tmp/snap.bin"), Path.of("/tmp/snap.bin"));
    }

    @Test
    void aFailedImportIsOneLineNotAStackTrace() {
        BackupImportCommand importer = new BackupImportCommand();
        importer.backup = backup;
        importer.file = "/tmp/broken.bin";
        backup.failure = new IOException("checksum mismatch");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        ConsoleOutput.print(importer::render, new java.io.PrintStream(bytes, true));

        assertThat(bytes.toString()).isEqualTo("% Could not import /tmp/broken.bin: checksum mismatch"
                + System.lineSeparator());
    }

    private static final class FakeBackup implements BindingBackupStatus {
        final List<Path> paths = new ArrayList<>();
        IOException failure;

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

        @Override
        public long exportSnapshot(Path file) throws IOException {
            paths.add(file);
            return 42;
        }

        @Override
        public RestoreCounts importSnapshot(Path file) throws IOException {
            paths.add(file);
            if (failure != null) {
                throw failure;
            }
            return new RestoreCounts(40, 2, 0, Optional.empty());
        }
    }
}
