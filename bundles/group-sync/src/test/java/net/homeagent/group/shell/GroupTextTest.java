package net.homeagent.group.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.group.GroupStatus;
import net.homeagent.group.MemberState;

class GroupTextTest {

    private final GroupStatus.Snapshot snapshot = new GroupStatus.Snapshot(1, MemberState.ACTIVE, "VI_HA", "192.0.2.1",
            false, true, 7, 42, 3, 1,
            List.of(new GroupStatus.Member(2, "10.0.0.2:7420", MemberState.STANDBY, Duration.ofMillis(120), true, 42, 1,
                    0, 2, true), new GroupStatus.Member(3, "10.0.0.3:7420", MemberState.LEARN, Duration.ofSeconds(5),
                            false, 0, 0, 0, 0, false)),
            Optional.of(new GroupStatus.LastLearn(Instant.parse("2026-12-06T03:00:00Z"), Optional.empty(), 0, 0, 0, 0,
                    Duration.ofSeconds(3), Duration.ZERO)),
            Map.of("standby->active", 1L, "replication-sent", 42L));

    @Test
    void statusShowsStateAddressLearnAndMembers() {
        String text = GroupText.status(snapshot);

        assertThat(text).contains("Group member 1: ACTIVE").contains("VRRP instance VI_HA, virtual address 192.0.2.1")
                .contains("term 7, last change sent #42").contains("tombstones 3")
                .contains("last learn: nobody answered: alone, own backup, took 3000 ms")
                .contains("Members known: 2");
    }

    @Test
    void aLearnFromAPeerSaysHowLongWritingTheTableTook() {
        GroupStatus.Snapshot learned = new GroupStatus.Snapshot(snapshot.nodeId(), MemberState.STANDBY,
                snapshot.vrrpInstance(), snapshot.virtualAddress(), snapshot.passive(), snapshot.replyWaitsForGroup(),
                snapshot.term(), snapshot.lastSequence(), snapshot.tombstones(), snapshot.unacknowledged(), snapshot.members(),
                Optional.of(new GroupStatus.LastLearn(Instant.parse("2026-12-06T03:00:00Z"), Optional.of(2), 3, 80, 1, 2,
                        Duration.ofMillis(1500), Duration.ofMillis(900))),
                snapshot.counters());

        assertThat(GroupText.status(learned)).contains("last learn: from node 2, 80 bindings in 3 chunks, kept newer 1, "
                + "removed 2, took 1500 ms (writing the table 900 ms), at 2026-12-06T03:00:00Z");
    }

    @Test
    void membersShowLagAndSilence() {
        String text = GroupText.members(snapshot);

        assertThat(text.lines()).anySatisfy(line -> assertThat(line).contains("2", "10.0.0.2:7420", "standby",
                "120 ms ago", "yes (2 replies went without it)"));
        assertThat(text.lines()).anySatisfy(line -> assertThat(line).contains("10.0.0.3:7420", "SILENT 5000 ms ago"));
    }

    @Test
    void statsListEveryCounterByName() {
        assertThat(GroupText.stats(snapshot).lines()).containsSubsequence("Group member 1 counters:",
                "    replication-sent                 42", "    standby->active                  1");
    }
}
