package net.homeagent.shell;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.mip.api.support.DurableFile;

/**
 * Writes a consistent snapshot of every binding to a file, e.g. to move them to another appliance.
 * The file is written as a {@link DurableFile}, so that a reader never finds half a snapshot under
 * the target's name.
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
        return DurableFile.replace(target, out -> snapshots.export(BindingFilter.ALL, out));
    }
}
