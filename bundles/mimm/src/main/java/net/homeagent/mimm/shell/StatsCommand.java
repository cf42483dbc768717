package net.homeagent.mimm.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mimm.AdvisorView;

/** The advisor's counters. */
@Command(scope = "mimm", name = "stats", description = "Shows the handoff advisor's counters")
@Service
public class StatsCommand implements Action {

    @Reference
    AdvisorView view;

    @Override
    public Object execute() {
        System.out.print(AdvisorText.stats(view));
        return null;
    }
}
