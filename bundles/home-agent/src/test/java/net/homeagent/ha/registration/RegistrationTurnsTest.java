package net.homeagent.ha.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RegistrationTurnsTest {

    private static final Object NODE = "10.0.0.10";
    private static final Object OTHER_NODE = "10.0.0.12";

    private final RegistrationTurns turns = new RegistrationTurns();

    private RegistrationTurns.Turn fresh(Object node) {
        RegistrationTurns.Taken taken = turns.take(node, Optional::empty);
        assertThat(taken.stale()).isEmpty();
        return taken.turn();
    }

    @Test
    void theNewestTurnWritesAndAnOlderOneDoesNot() {
        RegistrationTurns.Turn older = fresh(NODE);
        RegistrationTurns.Turn newer = fresh(NODE);

        assertThat(turns.ifNewest(older, () -> "written")).isEmpty();
        assertThat(turns.ifNewest(newer, () -> "written")).contains("written");
    }

    @Test
    void aRequestThatFailsReplayProtectionTakesNoTurn() {
        RegistrationTurns.Turn waiting = fresh(NODE);

        RegistrationTurns.Taken replayed = turns.take(NODE,
                () -> Optional.of(RefusalReason.IDENTIFICATION_NOT_INCREASING));

        assertThat(replayed.stale()).contains(RefusalReason.IDENTIFICATION_NOT_INCREASING);
        assertThat(replayed.turn()).isNull();
        assertThat(turns.ifNewest(waiting, () -> "written")).contains("written");
    }

    @Test
    void nodesHaveTheirOwnOrder() {
        RegistrationTurns.Turn waiting = fresh(NODE);
        fresh(OTHER_NODE);

        assertThat(turns.ifNewest(waiting, () -> "written")).contains("written");
    }

    @Test
    void answeredRequestsLeaveNothingBehind() {
        RegistrationTurns.Turn older = fresh(NODE);
        RegistrationTurns.Turn newer = fresh(NODE);
        RegistrationTurns.Turn other = fresh(OTHER_NODE);

        turns.leave(newer);
        turns.leave(older);
        assertThat(turns.size()).isEqualTo(1);
        assertThat(turns.ifNewest(older, () -> "written")).as("an answered turn writes nothing").isEmpty();
        turns.leave(other);
        assertThat(turns.size()).isZero();
    }
}
