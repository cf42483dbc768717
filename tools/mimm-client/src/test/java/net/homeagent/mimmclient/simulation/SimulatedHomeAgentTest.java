package net.homeagent.mimmclient.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;
import net.homeagent.mimmclient.manager.AdvisorAnswer;
import net.homeagent.mimmclient.manager.HandoffQuestion;
import net.homeagent.mimmclient.manager.LinkProfile;

class SimulatedHomeAgentTest {

    private static final LinkProfile WLAN = HandoffComparison.LINKS.get(0);
    private static final LinkProfile WWAN = HandoffComparison.LINKS.get(1);

    @Test
    void aNetworkWithRoomIsAGoThatRegistersAFullOneANotNowWithTheOthersAsAlternatives() {
        SimulatedHomeAgent homeAgent = new SimulatedHomeAgent(List.of(1, 2, 3, 4), Set.of(2, 4), 30);

        assertThat(homeAgent.ask(new HandoffQuestion(WLAN, 0, -60, 0, 0))).isEqualTo(new AdvisorAnswer.Advised(
                new HandoffAdvice(Verdict.GO, Reason.NONE, 30, 1, List.of(), true)));
        assertThat(homeAgent.registered()).contains(WLAN);
        // network 1 is the current one, 2 the target, 4 full: only 3 is an alternative
        assertThat(homeAgent.ask(new HandoffQuestion(WWAN, 1, -60, 0, 0))).isEqualTo(new AdvisorAnswer.Advised(
                new HandoffAdvice(Verdict.NOT_NOW, Reason.TARGET_FULL_MOBILES, 30, 2, List.of(3), false)));
        assertThat(homeAgent.registered()).contains(WLAN);
        assertThat(homeAgent.register(WWAN).accepted()).isTrue();
        assertThat(homeAgent.registered()).contains(WWAN);
        assertThat(homeAgent.requests()).isEqualTo(3);
    }
}
