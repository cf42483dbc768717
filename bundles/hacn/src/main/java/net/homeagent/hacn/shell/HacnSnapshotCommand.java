package net.homeagent.hacn.shell;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.hacn.control.ControlCore;
import net.homeagent.hacn.control.OperatorRefusal;

@Command(scope = "hacn", name = "snapshot", description = "Lists one HA's MBR snapshot, a page at a time: home,"
        + " care-of, home agent address, lifetime granted and left, tunnel, flags, NAI (options before the HA:"
        + " hacn:snapshot --offset 100 --limit 100 1)")
@Service
public class HacnSnapshotCommand extends HacnCommand {

    @Argument(index = 0, name = "ha", description = "The HA's node id", required = true)
    int ha;

    @Option(name = "--offset", description = "Records to skip (by home address)")
    int offset;

    @Option(name = "--limit", description = "Records to show at most")
    int limit = 100;

    @Override
    String render(ControlCore core) {
        if (offset < 0 || limit <= 0) {
            throw new OperatorRefusal("--offset must be 0 or more and --limit more than 0");
        }
        return HacnText.snapshot(ha, core.bindings(ha), offset, limit, Instant.now());
    }
}
