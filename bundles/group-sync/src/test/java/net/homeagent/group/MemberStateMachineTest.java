package net.homeagent.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.testing.MutableClock;

class MemberStateMachineTest {

    private final MutableClock clock = MutableClock.at("2026-12-06T03:00:00Z");
    private final GroupCounters counters = new GroupCounters();

    @Test
    void learnsThenFollowsKeepalived() {
        MemberStateMachine machine = new MemberStateMachine(false, clock, counters);
        List<MemberStateMachine.Transition> seen = new ArrayList<>();
        machine.onTransition(seen::add);

        assertThat(machine.accept(MemberInput.START)).isTrue();
        assertThat(machine.accept(MemberInput.LEARNED)).isTrue();
        assertThat(machine.accept(MemberInput.KEEPALIVED_MASTER)).isTrue();
        assertThat(machine.accept(MemberInput.KEEPALIVED_BACKUP)).isTrue();

        assertThat(machine.state()).isEqualTo(MemberState.STANDBY);
        assertThat(seen).extracting(t -> t.from() + ">" + t.to()).containsExactly("INIT>LEARN", "LEARN>STANDBY",
                "STANDBY>ACTIVE", "ACTIVE>STANDBY");
        assertThat(counters.get("standby->active")).isEqualTo(1);
        assertThat(counters.get("active->standby")).isEqualTo(1);
    }

    @Test
    void neverServesBeforeLearning() {
        MemberStateMachine machine = new MemberStateMachine(false, clock, counters);
        machine.accept(MemberInput.START);

        assertThat(machine.accept(MemberInput.KEEPALIVED_MASTER)).isFalse();

        assertThat(machine.state()).isEqualTo(MemberState.LEARN);
        assertThat(counters.get("ignored")).isEqualTo(1);
    }

    @Test
    void aMemberAloneStandsByOnItsOwnBackup() {
        MemberStateMachine machine = new MemberStateMachine(false, clock, counters);
        machine.accept(MemberInput.START);

        machine.accept(MemberInput.ALONE);

        assertThat(machine.state()).isEqualTo(MemberState.STANDBY);
        assertThat(counters.get("learn->standby")).isEqualTo(1);
    }

    @Test
    void aPassiveMemberNeverTakesTheAddress() {
        MemberStateMachine machine = new MemberStateMachine(true, clock, counters);
        machine.accept(MemberInput.START);
        machine.accept(MemberInput.LEARNED);

        assertThat(machine.accept(MemberInput.KEEPALIVED_MASTER)).isFalse();

        assertThat(machine.state()).isEqualTo(MemberState.PASSIVE);
        assertThat(machine.state().mayTakeAddress()).isFalse();
    }

    @Test
    void aMemberThatMissedWhatCannotBeResentLearnsAgainButNeverWhileActive() {
        MemberStateMachine machine = new MemberStateMachine(false, clock, counters);
        machine.accept(MemberInput.START);
        machine.accept(MemberInput.LEARNED);

        assertThat(machine.accept(MemberInput.RELEARN)).isTrue();
        assertThat(machine.state()).isEqualTo(MemberState.LEARN);
        machine.accept(MemberInput.LEARNED);
        machine.accept(MemberInput.KEEPALIVED_MASTER);
        assertThat(machine.accept(MemberInput.RELEARN)).isFalse();

        assertThat(machine.state()).isEqualTo(MemberState.ACTIVE);
        assertThat(counters.get("standby->learn")).isEqualTo(1);
    }
}
