package net.homeagent.mip6;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.Mip6NodeView.Owner;
import net.homeagent.mip6.recovery.RecoveryProgress;

class RecoveryAnnouncerTest {

    private final List<ApplianceEvent> events = new ArrayList<>();
    private final RecoveryAnnouncer announcer = new RecoveryAnnouncer(Owner.HOME_AGENT, "home agent", events::add,
            Clock.fixed(Instant.parse("2026-12-07T06:00:00Z"), ZoneOffset.UTC));

    @Test
    void theStartIsARoleChangeOfTheRoleWithTheTotal() {
        announcer.started(progress(100, 0, 0, false));
        ApplianceEvent started = events.get(0);
        assertThat(started.kind()).isEqualTo(ApplianceEvent.Kind.ROLE_CHANGED);
        assertThat(started.source()).isEqualTo("mip6-home-agent");
        assertThat(started.details()).containsEntry("from", "restored").containsEntry("to", "recovering")
                .containsEntry("total", "100");
        assertThat(started.at()).isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
    }

    @Test
    void theEndIsToldOnceWithValidatedAndDeleted() {
        announcer.progressed(progress(100, 50, 10, false));
        assertThat(events).isEmpty();
        announcer.progressed(progress(100, 75, 25, true));
        announcer.progressed(progress(100, 75, 25, true));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).details()).containsAllEntriesOf(Map.of("from", "recovering", "to", "recovered",
                "total", "100", "validated", "75", "deleted", "25", "role", "mip6-home-agent"));
        assertThat(events.get(0).text()).contains("75 validated, 25 deleted of 100");
    }

    private static RecoveryProgress progress(int total, int validated, int deleted, boolean finished) {
        return new RecoveryProgress(total, validated, deleted, total - validated - deleted, 0, 0, 0, 10, 0, 1,
                finished);
    }
}
