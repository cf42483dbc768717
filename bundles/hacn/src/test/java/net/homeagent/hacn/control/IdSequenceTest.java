package net.homeagent.hacn.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdSequenceTest {

    @Test
    void twoLivesOfTheControlNodeDoNotGiveTheSameIdsAndOneLifeCountsUp() {
        IdSequence before = new IdSequence();
        IdSequence after = new IdSequence();   // the control node restarted
        long first = before.nextLong();
        assertThat(before.nextLong()).isEqualTo(first + 1);
        assertThat(before.nextInt()).isEqualTo((int) (first + 2));
        assertThat(after.nextLong()).as("not where the last life started").isNotEqualTo(first);
    }
}
