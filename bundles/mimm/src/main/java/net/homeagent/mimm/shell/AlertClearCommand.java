package net.homeagent.mimm.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mimm.reactive.AlertsView;

/** Forgets an alert before its expiry (or one held for the rest of the session). */
@Command(scope = "mimm", name = "alert-clear", description = "Clears a network alert: no more pushes, pulls no longer answered with it")
@Service
public class AlertClearCommand implements Action {

    /*
     * Optional: Karaf registers a bundle's commands only when every mandatory reference is there, and
     * reactive advice may be down (its port taken) while the handoff advisor runs.
     */
    @Reference(optional = true)
    AlertsView view;

    @Argument(index = 0, name = "id", description = "The alert's id (mimm:alerts)", required = true)
    int id;

    @Override
    public Object execute() {
        try {
            System.out.print(view == null ? AlertsText.NOT_RUNNING : AlertsText.clear(view, id));
        } catch (IllegalArgumentException e) {
            System.out.println("% " + e.getMessage());
        }
        System.out.flush();
        return null;
    }
}
