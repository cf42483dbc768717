package net.homeagent.hacn.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.hacn.control.ControlCore;

@Command(scope = "hacn", name = "stats", description = "Shows the control node's counters: requests, replies, drops by"
        + " reason, reports, detections, takeovers, switchovers, rejoins, checkpoints")
@Service
public class HacnStatsCommand extends HacnCommand {

    @Override
    String render(ControlCore core) {
        return HacnText.stats(core.counters());
    }
}
