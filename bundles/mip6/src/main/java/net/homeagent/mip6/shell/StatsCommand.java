package net.homeagent.mip6.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The MIPv6 home agent's counters and Binding Acknowledgements by status. */
@Command(scope = "mip6", name = "stats", description = "Shows the MIPv6 node's counters, by role")
@Service
public class StatsCommand extends Mip6Command {

    @Override
    String render() {
        return Mip6Text.stats(view);
    }
}
