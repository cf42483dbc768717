package net.homeagent.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.testing.MutableClock;

class MemberServingTest {

    private final MemberStateMachine machine = new MemberStateMachine(false, MutableClock.at("2026-12-06T04:00:00Z"),
            new GroupCounters());
    private final MemberServing serving = new MemberServing(machine::state);
    private final List<Boolean> told = new ArrayList<>();

    MemberServingTest() {
        machine.onTransition(serving::follow);
        serving.addWatcher(told::add);
    }

    @Test
    void theNodeServesOnlyWhileTheMemberIsActive() {
        machine.accept(MemberInput.START);
        machine.accept(MemberInput.LEARNED);
        assertThat(serving.serving()).isFalse();
        assertThat(told).as("learning and standing by change nothing for the data plane").isEmpty();

        machine.accept(MemberInput.KEEPALIVED_MASTER);
        assertThat(serving.serving()).isTrue();
        machine.accept(MemberInput.KEEPALIVED_BACKUP);

        assertThat(serving.serving()).isFalse();
        assertThat(told).containsExactly(true, false);
    }

    @Test
    void aWatcherRemovedHearsNothingMore() {
        List<Boolean> other = new ArrayList<>();
        Consumer<Boolean> watcher = other::add;
        serving.addWatcher(watcher);
        serving.removeWatcher(watcher);
        machine.accept(MemberInput.START);
        machine.accept(MemberInput.ALONE);
        machine.accept(MemberInput.KEEPALIVED_MASTER);

        assertThat(other).isEmpty();
        assertThat(told).containsExactly(true);
    }
}
