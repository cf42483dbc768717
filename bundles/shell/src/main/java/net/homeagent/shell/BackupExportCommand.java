package net.homeagent.shell;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.BindingBackupStatus;

/** Writes a consistent snapshot of every binding to a file, e.g. to move them to another appliance. */
@Command(scope = "mip", name = "backup-export", description = "Writes a consistent snapshot of every binding to a file")
@Service
public class BackupExportCommand extends RenderedCommand {

    @Reference
    BindingBackupStatus backup;

    @Argument(index = 0, name = "file", required = true, description = "Snapshot file to write (replaced if present)")
    String file;

    @Override
    String render() {
        Path target = Path.of(file).toAbsolutePath();
        try {
            long written = backup.exportSnapshot(target);
            return "Exported " + written + " bindings to " + target + System.lineSeparator();
        } catch (IOException e) {
            throw new InvalidArgumentException("Could not export to " + target + ": " + e.getMessage());
        }
    }
}
