package net.homeagent.mimm.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mimm.AdvisorView;

/** The networks the advisor knows and their live load. */
@Command(scope = "mimm", name = "networks", description = "Shows the networks of the handoff advisor and their load")
@Service
public class NetworksCommand implements Action {

    @Reference
    AdvisorView view;

    @Override
    public Object execute() {
        System.out.print(AdvisorText.networks(view));
        return null;
    }
}
