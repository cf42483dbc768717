package net.homeagent.group.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.group.GroupStatus;

@Command(scope = "group", name = "members", description = "Lists the group members this member knows: address, state, when last heard, changes sent, lag")
@Service
public class GroupMembersCommand extends GroupCommand {

    @Override
    String render(GroupStatus.Snapshot snapshot) {
        return GroupText.members(snapshot);
    }
}
