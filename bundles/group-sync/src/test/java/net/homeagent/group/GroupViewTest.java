package net.homeagent.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.management.RedundancyGroupView.Group;
import net.homeagent.mip.api.management.RedundancyGroupView.Member;
import net.homeagent.mip.api.management.RedundancyGroupView.State;

class GroupViewTest {

    private static final InetSocketAddress LISTENING = new InetSocketAddress("192.0.2.12", 7434);

    private static GroupStatus.Snapshot snapshot(List<GroupStatus.Member> members, Map<String, Long> counters) {
        return new GroupStatus.Snapshot(2, MemberState.ACTIVE, "VI_HA", "192.0.2.1", false, true, 7, 42, 3, 1, members,
                Optional.of(new GroupStatus.LastLearn(Instant.parse("2026-12-06T03:00:00Z"), Optional.of(3), 5, 20, 1, 0,
                        Duration.ofMillis(250), Duration.ofMillis(100))),
                counters);
    }

    @Test
    void theGroupIsTheMemberItselfAndTheOthersItKnowsByNodeId() {
        GroupStatus.Snapshot s = snapshot(List.of(
                new GroupStatus.Member(3, "192.0.2.13:7434", MemberState.STANDBY, Duration.ofMillis(120), true, 42, 1, 0,
                        2, true),
                new GroupStatus.Member(1, "192.0.2.11:7434", MemberState.LEARN, Duration.ofSeconds(5), false, 7, 0, 4, 0,
                        false)), Map.of());

        Group group = GroupView.of(s, LISTENING);

        assertThat(group.nodeId()).isEqualTo(2);
        assertThat(group.state()).isEqualTo(State.ACTIVE);
        assertThat(group.members()).extracting(Member::nodeId).containsExactly(1, 2, 3);
        assertThat(group.members().get(1)).isEqualTo(new Member(2, "192.0.2.12:7434",
                State.ACTIVE, Duration.ZERO, 0, 0, 0, false));
        assertThat(group.members().get(2)).isEqualTo(new Member(3, "192.0.2.13:7434",
                State.STANDBY, Duration.ofMillis(120), 42, 1,
                0, true));
        assertThat(group.members().get(0).failed()).isEqualTo(4);
        assertThat(group.lastSequence()).isEqualTo(42);
        assertThat(group.awaitingAcks()).isEqualTo(1);
        assertThat(group.tombstones()).isEqualTo(3);
        assertThat(group.lastLearn().orElseThrow().from()).isEqualTo(OptionalInt.of(3));
        assertThat(group.lastLearn().orElseThrow().bindings()).isEqualTo(20);
    }

    @Test
    void theCountersAManagerGraphsAreSummedFromTheMembersCounters() {
        Group group = GroupView.of(snapshot(List.of(), Map.of("replication-sent", 10L, "replication-applied", 4L,
                "learns-alone", 1L, "learns-completed", 2L, "member-lagged", 5L, "dropped-malformed", 6L,
                "dropped-foreign-identifier", 7L, "replication-stale", 100L)), LISTENING);

        assertThat(group.counters().changesSent()).isEqualTo(10);
        assertThat(group.counters().changesApplied()).isEqualTo(4);
        assertThat(group.counters().learns()).isEqualTo(3);
        assertThat(group.counters().lagged()).isEqualTo(5);
        assertThat(group.counters().dropped()).isEqualTo(13);
        assertThat(group.members()).extracting(Member::nodeId).containsExactly(2);
    }
}
