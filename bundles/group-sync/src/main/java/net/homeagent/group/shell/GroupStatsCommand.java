package net.homeagent.group.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.group.GroupStatus;

@Command(scope = "group", name = "stats", description = "Shows the group member's counters: transitions, replication, learn, drops")
@Service
public class GroupStatsCommand extends GroupCommand {

    @Override
    String render(GroupStatus.Snapshot snapshot) {
        return GroupText.stats(snapshot);
    }
}
