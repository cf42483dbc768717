package net.homeagent.group.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import net.homeagent.group.GroupStatus;

/** A group:* command: renders one snapshot of the member, no side effect. */
abstract class GroupCommand implements Action {

    @Reference
    GroupStatus group;

    abstract String render(GroupStatus.Snapshot snapshot);

    @Override
    public Object execute() {
        System.out.print(render(group.snapshot()));
        System.out.flush();
        return null;
    }
}
