package net.homeagent.mimm.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The advisor's counters. */
@Command(scope = "mimm", name = "stats", description = "Shows the handoff advisor's counters")
@Service
public class StatsCommand extends AdvisorCommand {

    @Override
    String render() {
        return AdvisorText.stats(view);
    }
}
