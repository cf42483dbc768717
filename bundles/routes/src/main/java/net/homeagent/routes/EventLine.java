package net.homeagent.routes;

import java.util.TreeMap;

import net.homeagent.mip.api.events.ApplianceEvent;

/** One event as one line of text: {@code <time> <KIND> <source>: <text> [key=value ...]}, for logs and files. */
final class EventLine {

    private EventLine() {
    }

    static String of(ApplianceEvent e) {
        StringBuilder line = new StringBuilder().append(e.at()).append(' ').append(e.kind()).append(' ')
                .append(e.source()).append(": ").append(e.text());
        if (!e.details().isEmpty()) {
            line.append(" [");
            new TreeMap<>(e.details()).forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
            line.setCharAt(line.length() - 1, ']');
        }
        // a peer's text (a received trap) must not be able to start a new log line
        return line.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
