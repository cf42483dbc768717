package net.homeagent.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.BindingSnapshots;

/**
 * Writes a consistent snapshot of every binding to a file, e.g. to move them to another appliance.
 * The file is written beside the target, forced to disk and renamed into place, so that a reader
 * never finds half a snapshot under the target's name.
 */
@Command(scope = "mip", name = "backup-export", description = "Writes a consistent snapshot of every binding to a file")
@Service
public class BackupExportCommand extends RenderedCommand {

    @Reference
    BindingSnapshots snapshots;

    @Argument(index = 0, name = "file", required = true, description = "Snapshot file to write (replaced if present)")
    String file;

    @Override
    String render() {
        Path target = Path.of(file).toAbsolutePath();
        try {
            return "Exported " + exportTo(target) + " bindings to " + target + System.lineSeparator();
        } catch (IOException e) {
            throw new InvalidArgumentException("Could not export to " + target + ": " + e.getMessage());
        }
    }

    private long exportTo(Path target) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, target.getFileName().toString(), ".partial");
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(partial)) {
                written = snapshots.export(BindingFilter.ALL, out);
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true); // on disk before it takes the target's name
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
