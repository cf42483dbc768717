package net.homeagent.shell;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.BindingBackupStatus;
import net.homeagent.mip.api.BindingBackupStatus.RestoreCounts;

/** Registers the bindings of a snapshot written by {@code mip:backup-export}. */
@Command(scope = "mip", name = "backup-import", description = "Registers the bindings of a snapshot file; "
        + "expired ones are dropped, a damaged file is refused whole")
@Service
public class BackupImportCommand extends RenderedCommand {

    @Reference
    BindingBackupStatus backup;

    @Argument(index = 0, name = "file", required = true, description = "Snapshot file written by mip:backup-export")
    String file;

    @Override
    String render() {
        Path source = Path.of(file).toAbsolutePath();
        try {
            RestoreCounts counts = backup.importSnapshot(source);
            return "Imported " + counts.restored() + " bindings from " + source + ", dropped " + counts.dropped()
                    + " expired, " + counts.failed() + " unreadable" + System.lineSeparator();
        } catch (IOException e) {
            throw new InvalidArgumentException("Could not import " + source + ": " + e.getMessage());
        }
    }
}
