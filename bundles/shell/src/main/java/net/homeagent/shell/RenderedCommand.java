package net.homeagent.shell;

import org.apache.karaf.shell.api.action.Action;

/**
 * A {@code mip:} command whose whole work is rendering text: {@link #render()} builds it and
 * {@link ConsoleOutput} prints it, or the one-line {@code %} error for bad input.
 */
abstract class RenderedCommand implements Action {

    @Override
    public Object execute() {
        ConsoleOutput.print(this::render, System.out);
        return null;
    }

    /** The command's output; throws InvalidArgumentException for input the operator must correct. */
    abstract String render();
}
