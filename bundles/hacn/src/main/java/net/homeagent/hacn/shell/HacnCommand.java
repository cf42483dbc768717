package net.homeagent.hacn.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import net.homeagent.hacn.control.ControlCore;
import net.homeagent.hacn.control.ControlNode;
import net.homeagent.hacn.control.HacnConfig;
import net.homeagent.hacn.control.OperatorRefusal;

/**
 * An hacn:* command: renders its text from the control node; an order the control node refuses
 * (unknown HA, an HA in the wrong state) prints one {@code %} line saying why, as the mip: commands do.
 */
abstract class HacnCommand implements Action {

    @Reference
    ControlNode node;

    abstract String render(ControlCore core);

    @Override
    public Object execute() {
        String text;
        try {
            text = node.core().map(this::render)
                    .orElse("not the HA control node (enabled=false in etc/" + HacnConfig.PID + ".cfg)\n");
        } catch (OperatorRefusal e) {
            text = "% " + e.getMessage() + System.lineSeparator();
        }
        System.out.print(text);
        System.out.flush();
        return null;
    }
}
