package net.homeagent.mimm.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.reactive.Alert;
import net.homeagent.mimm.reactive.AlertsView;
import net.homeagent.mip.codec.mimm.AlertReason;

class AlertsTextTest {

    private static final Instant RAISED = Instant.parse("2026-12-06T23:44:04.287Z");

    private final List<Alert> alerts = new ArrayList<>(List.of(
            new Alert(1, "wlan-a", List.of(1), AlertReason.OUTAGE, 120, OptionalInt.of(2), RAISED,
                    Optional.of(RAISED.plusSeconds(120)), "127.0.0.1/41273"),
            new Alert(2, "ap-17", List.of(1, 2), AlertReason.CONGESTION, -1, OptionalInt.empty(), RAISED,
                    Optional.empty(), "camel")));

    private final AlertsView view = new AlertsView() {
        @Override
        public List<Alert> alerts() {
            return alerts;
        }

        @Override
        public Optional<Alert> clear(int id) {
            Optional<Alert> found = alerts.stream().filter(a -> a.id() == id).findFirst();
            found.ifPresent(alerts::remove);
            return found;
        }

        @Override
        public Map<String, Long> counters() {
            Map<String, Long> counters = new LinkedHashMap<>();
            counters.put("advice_sent", 5L);
            counters.put("alert subject unknown", 1L);
            return counters;
        }

        @Override
        public int queued() {
            return 3;
        }

        @Override
        public int unacknowledged() {
            return 2;
        }
    };

    @Test
    void listsEachAlertOneALineThenTheCounters() {
        assertThat(AlertsText.alerts(view).lines().toList()).containsExactly(
                "Id   Reason       Subject          Networks  Alternative  Until                Raised      Source",
                "1    OUTAGE       wlan-a           [1]       2            2026-12-06T23:46:04Z 23:44:04    127.0.0.1/41273",
                "2    CONGESTION   ap-17            [1,2]     -            end-of-session       23:44:04    camel",
                "Advice queued 3, unacknowledged 2",
                "    advice_sent                    5",
                "    alert subject unknown          1");
    }

    @Test
    void clearsOneAndNamesAnUnknownId() {
        assertThat(AlertsText.clear(view, 2)).isEqualTo("alert 2 cleared (CONGESTION for networks [1, 2])"
                + System.lineSeparator());
        assertThatThrownBy(() -> AlertsText.clear(view, 2)).hasMessage("no alert 2 holds (mimm:alerts lists them)");
        alerts.clear();
        assertThat(AlertsText.alerts(view)).startsWith("No alert holds");
    }
}
