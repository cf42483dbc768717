package net.homeagent.mip6.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import net.homeagent.mip6.Mip6View;

/**
 * A {@code mip6:} command: renders text from the home agent. A typing mistake becomes one line
 * marked {@code %}, as the {@code mip:*} commands answer it (bin/client -b drops the error stream).
 */
abstract class Mip6Command implements Action {

    @Reference
    Mip6View view;

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
