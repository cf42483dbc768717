package net.homeagent.mimm.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The networks the advisor knows and their live load. */
@Command(scope = "mimm", name = "networks", description = "Shows the networks of the handoff advisor and their load")
@Service
public class NetworksCommand extends AdvisorCommand {

    @Override
    String render() {
        return AdvisorText.networks(view);
    }
}
