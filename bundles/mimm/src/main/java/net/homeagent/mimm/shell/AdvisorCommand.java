package net.homeagent.mimm.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import net.homeagent.mimm.AdvisorView;

/**
 * A {@code mimm:} command: renders text from the advisor. A typing mistake becomes one line marked
 * {@code %} on the output, as the {@code mip:*} commands answer it (bin/client -b drops the error
 * stream, and an exception would be logged at ERROR).
 */
abstract class AdvisorCommand implements Action {

    @Reference
    AdvisorView view;

    @Override
    public Object execute() {
        try {
            System.out.print(render());
        } catch (IllegalArgumentException e) {
            System.out.println("% " + e.getMessage());
        }
        System.out.flush();
        return null;
    }

    /** The output; throws IllegalArgumentException for input the operator must correct. */
    abstract String render();
}
