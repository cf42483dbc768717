package net.homeagent.mimm.shell;

import java.time.temporal.ChronoUnit;
import java.util.Locale;

import net.homeagent.mimm.reactive.Alert;
import net.homeagent.mimm.reactive.AlertsView;

/** The text of {@code mimm:alerts} and {@code mimm:alert-clear}. */
final class AlertsText {

    private static final String NL = System.lineSeparator();
    static final String NOT_RUNNING = "% reactive advice is not running (its component did not start: see the log)" + NL;

    private AlertsText() {
    }

    static String alerts(AlertsView view) {
        StringBuilder out = new StringBuilder();
        if (view.alerts().isEmpty()) {
            out.append("No alert holds").append(NL);
        } else {
            out.append(String.format(Locale.ROOT, "%-4s %-12s %-16s %-9s %-12s %-20s %-11s %s%n", "Id", "Reason",
                    "Subject", "Networks", "Alternative", "Until", "Raised", "Source"));
        }
        for (Alert a : view.alerts()) {
            out.append(String.format(Locale.ROOT, "%-4d %-12s %-16s %-9s %-12s %-20s %-11s %s%n", a.id(), a.reason(),
                    a.subject(), a.networks().toString().replace(" ", ""),
                    a.alternative().isPresent() ? String.valueOf(a.alternative().getAsInt()) : "-",
                    a.until().map(u -> u.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("end-of-session"),
                    a.raisedAt().toString().substring(11, 19), a.source()));
        }
        out.append(String.format(Locale.ROOT, "Advice queued %d, unacknowledged %d%n", view.queued(), view.unacknowledged()));
        view.counters().forEach((key, count) -> out.append(String.format(Locale.ROOT, "    %-30s %d%n", key, count)));
        return out.toString();
    }

    static String clear(AlertsView view, int id) {
        return view.clear(id).map(a -> "alert " + a.id() + " cleared (" + a.reason() + " for networks " + a.networks() + ")")
                .orElseThrow(() -> new IllegalArgumentException("no alert " + id + " holds (mimm:alerts lists them)"))
                + NL;
    }
}
