package net.homeagent.hacn.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import net.homeagent.hacn.control.ControlCore;
import net.homeagent.hacn.control.ControlNode;
import net.homeagent.hacn.control.HacnConfig;

/** An hacn:* command: renders one look at the control node, no side effect. */
abstract class HacnCommand implements Action {

    @Reference
    ControlNode node;

    abstract String render(ControlCore core);

    @Override
    public Object execute() {
        System.out.print(node.core().map(this::render)
                .orElse("not the HA control node (enabled=false in etc/" + HacnConfig.PID + ".cfg)\n"));
        System.out.flush();
        return null;
    }
}
