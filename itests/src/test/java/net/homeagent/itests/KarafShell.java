package net.homeagent.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/** Runs shell commands the way an operator's session does, and returns what they print. */
final class KarafShell {
    /** Commands register once their bundle's services are up, a moment after the services themselves. */
    private static final Duration COMMAND_REGISTRATION = Duration.ofSeconds(30);

    private final SessionFactory sessions;

    KarafShell(SessionFactory sessions) {
        this.sessions = sessions;
    }

    String execute(String commandLine) throws Exception {
        awaitCommand(commandLine.split(" ")[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(commandLine);
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void awaitCommand(String scopedName) throws InterruptedException {
        String[] parts = scopedName.split(":");
        Instant deadline = Instant.now().plus(COMMAND_REGISTRATION);
        while (sessions.getRegistry().getCommand(parts[0], parts[1]) == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("command " + scopedName + " not registered within " + COMMAND_REGISTRATION);
            }
            Thread.sleep(100);
        }
    }
}
