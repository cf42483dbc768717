package net.homeagent.hacn.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.hacn.control.ControlCore;

@Command(scope = "hacn", name = "failover", description = "Switches an active HA over to the best redundant HA (for"
        + " maintenance): its mobile nodes' bindings are downloaded there, then the HA stands by as a redundant HA")
@Service
public class HacnFailoverCommand extends HacnCommand {

    @Argument(index = 0, name = "ha", description = "The active HA's node id", required = true)
    int ha;

    @Override
    String render(ControlCore core) {
        return core.failover(ha) + System.lineSeparator();
    }
}
