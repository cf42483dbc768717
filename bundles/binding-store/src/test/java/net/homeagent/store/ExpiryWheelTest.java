package net.homeagent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExpiryWheelTest {

    private static final long START = 1_700_000_000L;

    private final ExpiryWheel wheel = new ExpiryWheel(START);
    private final List<long[]> due = new ArrayList<>(); // {key, slotSecond}

    @Test
    void handsOutEachKeyWhenItsSecondComesAndNotBefore() {
        wheel.schedule(1, START + 5);
        wheel.schedule(2, START + 5);
        wheel.schedule(3, START + 7);

        advanceTo(START + 4);
        assertThat(due).isEmpty();
        advanceTo(START + 6);
        assertThat(due).containsExactly(new long[] {1, START + 5}, new long[] {2, START + 5});
        due.clear();
        advanceTo(START + 7);
        assertThat(due).containsExactly(new long[] {3, START + 7});
        assertThat(wheel.entries()).isZero();
    }

    @Test
    void aPastSecondIsDueOnTheNextAdvance() {
        advanceTo(START + 100);
        wheel.schedule(9, START + 3);

        advanceTo(START + 100);

        assertThat(due).containsExactly(new long[] {9, START + 100});
    }

    @Test
    void theCurrentSecondIsLookedAtAgainOnEveryAdvance() {
        wheel.schedule(1, START);
        advanceTo(START);
        assertThat(due).hasSize(1);
        wheel.schedule(1, START); // the handler put it back: due later within this second
        due.clear();

        advanceTo(START);

        assertThat(due).containsExactly(new long[] {1, START});
    }

    @Test
    void keysBeyondOneTurnWaitAndComeOnTheirSecond() {
        long far = START + ExpiryWheel.SLOTS + 10;
        long sameSlotSooner = START + 10;
        wheel.schedule(1, far);
        wheel.schedule(2, sameSlotSooner);

        advanceTo(sameSlotSooner);
        assertThat(due).containsExactly(new long[] {2, sameSlotSooner});
        due.clear();
        advanceTo(far - 1);
        assertThat(due).isEmpty();
        advanceTo(far);
        assertThat(due).containsExactly(new long[] {1, far});
    }

    @Test
    void aJumpOfManyTurnsHandsOutEverythingOnce() {
        for (int i = 0; i < 10; i++) {
            wheel.schedule(i, START + i * 20_000L); // up to 180 000 s: a few beyond the first turn
        }

        advanceTo(START + 10L * ExpiryWheel.SLOTS);

        assertThat(due).extracting(entry -> entry[0]).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(wheel.entries()).isZero();
    }

    @Test
    void theWheelDoesNotRewind() {
        advanceTo(START + 50);
        wheel.schedule(1, START + 60);

        advanceTo(START);
        assertThat(due).isEmpty();
        advanceTo(START + 60);
        assertThat(due).containsExactly(new long[] {1, START + 60});
    }

    @Test
    void itReportsHowManyKeysTheHandlerExpired() {
        wheel.schedule(1, START + 1);
        wheel.schedule(2, START + 1);
        wheel.schedule(3, START + 1);

        assertThat(wheel.advanceTo(START + 1, (key, second) -> key != 2)).isEqualTo(2);
    }

    private void advanceTo(long second) {
        wheel.advanceTo(second, (key, slotSecond) -> due.add(new long[] {key, slotSecond}));
    }
}
