package net.homeagent.hacn.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.hacn.control.ControlCore;

@Command(scope = "hacn", name = "redundant", description = "Lists the redundant HAs (configured, or rejoined) in the"
        + " order a takeover chooses them: state, priority, capacity, bindings")
@Service
public class HacnRedundantCommand extends HacnCommand {

    @Override
    String render(ControlCore core) {
        return HacnText.redundant(core.redundant());
    }
}
