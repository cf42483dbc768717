package net.homeagent.group.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.group.GroupStatus;

@Command(scope = "group", name = "status", description = "Shows this redundancy group member: state, VRRP instance and virtual address, last learn, members with state and lag")
@Service
public class GroupStatusCommand extends GroupCommand {

    @Override
    String render(GroupStatus.Snapshot snapshot) {
        return GroupText.status(snapshot);
    }
}
