package net.homeagent.hacn.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.hacn.control.ControlCore;

@Command(scope = "hacn", name = "status", description = "Shows the HA control node: public address, policy, failure"
        + " detection, HAs by state, requests in flight, takeovers, checkpoint")
@Service
public class HacnStatusCommand extends HacnCommand {

    @Override
    String render(ControlCore core) {
        return HacnText.status(core, node.checkpoint());
    }
}
