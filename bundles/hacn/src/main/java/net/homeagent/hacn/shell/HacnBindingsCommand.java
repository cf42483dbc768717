package net.homeagent.hacn.shell;

import java.time.Instant;
import java.util.OptionalInt;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.hacn.control.ControlCore;

@Command(scope = "hacn", name = "bindings", description = "Lists the MBR snapshot of one HA, or of every HA: home,"
        + " care-of, home agent address, lifetime granted and left, tunnel, flags, NAI")
@Service
public class HacnBindingsCommand extends HacnCommand {

    @Argument(index = 0, name = "ha", description = "The HA's node id; all HAs without it", required = false)
    Integer ha;

    @Override
    String render(ControlCore core) {
        return HacnText.bindings(core, ha == null ? OptionalInt.empty() : OptionalInt.of(ha), Instant.now());
    }
}
