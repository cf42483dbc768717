package net.homeagent.mimm;

import static net.homeagent.mimm.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;
import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mip.codec.mimm.RequestHandoff;

class AdviceMemoryTest {

    private static GivenAdvice given(int hold) {
        return new GivenAdvice(Instant.EPOCH, new RequestHandoff(OptionalInt.of(1), 0, -50, LinkType.WLAN, 0, 0),
                new HandoffAdvice(Verdict.GO, Reason.NONE, hold, 1, List.of(), true), "ROOM_IN_TARGET", 0);
    }

    @Test
    void keepsTheLastAdviceAndForgetsTheMobileAdvisedLongestAgo() {
        AdviceMemory memory = new AdviceMemory(2);
        memory.remember(ip("10.0.0.1"), given(1));
        memory.remember(ip("10.0.0.2"), given(2));
        memory.remember(ip("10.0.0.1"), given(3));
        memory.remember(ip("10.0.0.3"), given(4));

        assertThat(memory.last(ip("10.0.0.1"))).map(g -> g.advice().holdSeconds()).contains(3);
        assertThat(memory.last(ip("10.0.0.2"))).isEmpty();
        assertThat(memory.last(ip("10.0.0.3"))).isPresent();
    }

    @Test
    void aLookUpCountsAsRecentLikeAnAdvice() {
        AdviceMemory memory = new AdviceMemory(2);
        memory.remember(ip("10.0.0.1"), given(1));
        memory.remember(ip("10.0.0.2"), given(2));
        memory.last(ip("10.0.0.1"));
        memory.remember(ip("10.0.0.3"), given(3));

        assertThat(memory.last(ip("10.0.0.1"))).isPresent();
        assertThat(memory.last(ip("10.0.0.2"))).isEmpty();
    }
}
