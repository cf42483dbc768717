package net.homeagent.shell;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.mip.api.BindingSnapshots.ImportMode;
import net.homeagent.mip.api.BindingSnapshots.ImportResult;
import net.homeagent.mip.api.ChangeOrigin;

/**
 * Registers the bindings of a snapshot written by {@code mip:backup-export}, beside those held
 * (an operator's migration: {@link ImportMode#MERGE}, origin {@link ChangeOrigin#IMPORTED}).
 */
@Command(scope = "mip", name = "backup-import", description = "Registers the bindings of a snapshot file; "
        + "expired ones are dropped, a damaged file is refused whole")
@Service
public class BackupImportCommand extends RenderedCommand {

    @Reference
    BindingSnapshots snapshots;

    @Argument(index = 0, name = "file", required = true, description = "Snapshot file written by mip:backup-export")
    String file;

    @Override
    String render() {
        Path source = Path.of(file).toAbsolutePath();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(source))) {
            ImportResult result = snapshots.importFrom(in, ImportMode.MERGE, ChangeOrigin.IMPORTED);
            return "Imported " + result.applied() + " bindings from " + source + ", dropped " + result.skippedExpired()
                    + " expired, " + result.refusedBad() + " unreadable" + System.lineSeparator();
        } catch (IOException e) {
            throw new InvalidArgumentException("Could not import " + source + ": " + e.getMessage());
        }
    }
}
