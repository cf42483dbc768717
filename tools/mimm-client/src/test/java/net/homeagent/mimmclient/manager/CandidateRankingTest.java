package net.homeagent.mimmclient.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mimm.LinkType;

class CandidateRankingTest {

    private static final Thresholds THRESHOLDS = LinkStateMachineTest.THRESHOLDS;

    @Test
    void eachCriterionScalesAgainstTheMobilesLinks() {
        LinkProfile wlan = Links.profile("wlan0", LinkType.WLAN, 1, 54_000, 500, 0, 2);
        LinkProfile cell = Links.profile("wwan0", LinkType.CELLULAR, 2, 10_000, 1000, 5, 1);
        List<LinkProfile> both = List.of(wlan, cell);
        List<LinkType> order = List.of(LinkType.WLAN, LinkType.CELLULAR);

        assertThat(only(new CandidateWeights(1, 0, 0, 0, 0, 0, order), both).score(wlan, -65)).isEqualTo(1.0);
        assertThat(only(new CandidateWeights(1, 0, 0, 0, 0, 0, order), both).score(wlan, -75)).isCloseTo(0.5, within(1e-9));
        assertThat(only(new CandidateWeights(1, 0, 0, 0, 0, 0, order), both).score(wlan, -95)).isZero();
        assertThat(only(new CandidateWeights(0, 1, 0, 0, 0, 0, order), both).score(cell, -60)).isEqualTo(0.5);
        assertThat(only(new CandidateWeights(0, 1, 0, 0, 0, 0, List.of(LinkType.WLAN)), both).score(cell, -60)).isZero();
        assertThat(only(new CandidateWeights(0, 0, 1, 0, 0, 0, order), both).score(cell, -60)).isCloseTo(10.0 / 54,
                within(1e-9));
        assertThat(only(new CandidateWeights(0, 0, 0, 1, 0, 0, order), both).score(wlan, -60)).isEqualTo(0.5);
        assertThat(only(new CandidateWeights(0, 0, 0, 0, 1, 0, order), both).score(cell, -60)).isZero();
        assertThat(only(new CandidateWeights(0, 0, 0, 0, 1, 0, order), both).score(wlan, -60)).isEqualTo(1.0);
        assertThat(only(new CandidateWeights(0, 0, 0, 0, 0, 1, order), both).score(cell, -60)).isEqualTo(0.5);
    }

    @Test
    void weightsAverage() {
        LinkProfile wlan = Links.profile("wlan0", LinkType.WLAN, 1, 54_000, 500, 0, 2);
        CandidateRanking ranking = new CandidateRanking(new CandidateWeights(3, 1, 0, 0, 0, 0,
                List.of(LinkType.CELLULAR, LinkType.WLAN)), THRESHOLDS, List.of(wlan));
        // signal 1 (weight 3) and type 0.5 (weight 1)
        assertThat(ranking.score(wlan, -60)).isCloseTo(3.5 / 4, within(1e-9));
    }

    private static CandidateRanking only(CandidateWeights weights, List<LinkProfile> links) {
        return new CandidateRanking(weights, THRESHOLDS, links);
    }

    @Test
    void weightsAreReadFromTheirOptionText() {
        assertThat(CandidateWeights.parse("3,1,1,0.5,1,2")).isEqualTo(CandidateWeights.DEFAULT);
        assertThat(CandidateWeights.parse("1, 0, 0, 0, 4, 0:cellular,wlan")).isEqualTo(new CandidateWeights(1, 0, 0, 0,
                4, 0, List.of(LinkType.CELLULAR, LinkType.WLAN)));
        assertThatThrownBy(() -> CandidateWeights.parse("1,2,3")).hasMessageStartingWith("weights are signal,type");
        assertThatThrownBy(() -> CandidateWeights.parse("1,2,3,4,5,x")).hasMessage("weight 'x' is not a number");
        assertThatThrownBy(() -> CandidateWeights.parse("1,1,1,1,1,-1")).hasMessageContaining("not negative");
        assertThatThrownBy(() -> CandidateWeights.parse("0,0,0,0,0,0")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> CandidateWeights.parse("1,1,1,1,1,1:wlan,radio")).hasMessageStartingWith("type 'radio'");
        assertThatThrownBy(() -> CandidateWeights.parse("1,1,1,1,1,1:wlan,wlan")).hasMessageContaining("twice");
    }
}
