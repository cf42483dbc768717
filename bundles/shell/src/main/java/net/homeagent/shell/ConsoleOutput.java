package net.homeagent.shell;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Prints what a command rendered. A typing mistake becomes one line marked with {@code %}, the
 * way IOS answers bad input. It goes to the same stream as the output: `bin/client -b` drops what
 * a command writes to the error stream, and an exception thrown to the shell would also be logged
 * at ERROR with a stack trace.
 */
final class ConsoleOutput {
    static final String ERROR_MARK = "% ";

    private ConsoleOutput() {
    }

    static void print(Supplier<String> render, PrintStream out) {
        try {
            out.print(render.get());
        } catch (InvalidArgumentException e) {
            out.println(ERROR_MARK + e.getMessage());
        }
        out.flush();
    }
}
