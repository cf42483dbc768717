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

    @Reference
    AlertsView view;

    @Override
    public Object execute() {
        System.out.print(AlertsText.alerts(view));
        System.out.flush();
        return null;
    }
}
