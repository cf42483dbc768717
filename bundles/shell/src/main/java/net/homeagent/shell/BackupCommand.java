package net.homeagent.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.BindingBackupStatus;
import net.homeagent.mip.api.BindingBackupStatus.RestoreCounts;

/** Where the binding backup is and how it is doing (docs/storage.md). */
@Command(scope = "mip", name = "backup", description = "Shows the binding backup: location, size, last sync, "
        + "what the last restore found")
@Service
public class BackupCommand extends RenderedCommand {

    private static final String NL = System.lineSeparator();

    @Reference
    BindingBackupStatus backup;

    @Override
    String render() {
        StringBuilder out = new StringBuilder();
        out.append("Binding backup ").append(backup.enabled() ? "enabled" : "DISABLED (bindings in memory only)")
                .append(NL);
        out.append("Location ").append(backup.location()).append(", ").append(backup.sizeBytes()).append(" bytes")
                .append(NL);
        out.append("Last sync ").append(backup.lastSync().map(Object::toString).orElse("never")).append(NL);
        out.append("Changes written ").append(backup.changesWritten()).append(" in ").append(backup.syncs())
                .append(" syncs, ").append(backup.checkpoints()).append(" checkpoints since the start, write failures ")
                .append(backup.writeFailures()).append(NL);
        backup.lastWriteFailure().ifPresent(failure -> out.append("Last write failure: ").append(failure).append(NL));
        RestoreCounts restore = backup.lastRestore();
        out.append("Last restore: ").append(restore.restored()).append(" restored, ").append(restore.dropped())
                .append(" dropped (expired), ").append(restore.failed()).append(" failed").append(NL);
        restore.problem().ifPresent(problem -> out.append("Problem: ").append(problem).append(NL));
        return out.toString();
    }
}
