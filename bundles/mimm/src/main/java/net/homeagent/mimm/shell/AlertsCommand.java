package net.homeagent.mimm.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mimm.reactive.AlertsView;

/** The alerts that hold and the counters of reactive advice. */
@Command(scope = "mimm", name = "alerts", description = "Lists the network alerts that hold and the reactive advice counters")
@Service
public class AlertsCommand implements Action {

    /*
     * Optional: Karaf registers a bundle's commands only when every mandatory reference is there, and
     * reactive advice may be down (its port taken) while the handoff advisor runs.
     */
    @Reference(optional = true)
    AlertsView view;

    @Override
    public Object execute() {
        System.out.print(view == null ? AlertsText.NOT_RUNNING : AlertsText.alerts(view));
        System.out.flush();
        return null;
    }
}
