package net.homeagent.hacn.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.control.HaChoice.Candidate;
import net.homeagent.mip.codec.wire.Ipv4;

class HaChoiceTest {

    static final List<Candidate> THREE = List.of(new Candidate(1, 50), new Candidate(2, 10), new Candidate(3, 10));

    @Test
    void theHashKeepsAHomeAddressOnOneHaAndSpreadsConsecutiveOnes() {
        HaChoice hash = HaChoice.named("hash", List.of());
        Map<Integer, Integer> perHa = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            var home = Ipv4.of(0x0A010000 + i);
            int chosen = hash.choose(home, THREE).getAsInt();
            assertThat(hash.choose(home, THREE).getAsInt()).isEqualTo(chosen);
            perHa.merge(chosen, 1, Integer::sum);
        }
        assertThat(perHa).hasSize(3);
        assertThat(perHa.values()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
    }

    @Test
    void leastLoadedTakesTheFewestBindingsThenTheLowestId() {
        assertThat(HaChoice.named("least-loaded", List.of()).choose(Ipv4.of(1), THREE).getAsInt()).isEqualTo(2);
    }

    @Test
    void rangesNameTheHaOfTheFirstMatchAndNoneOutside() {
        HaChoice ranges = HaChoice.named("ranges", List.of("10.1.0.0/16=3", "10.0.0.0/8=1"));
        assertThat(ranges.choose(Ipv4.parse("10.1.200.1").orElseThrow(), THREE).getAsInt()).isEqualTo(3);
        assertThat(ranges.choose(Ipv4.parse("10.2.0.1").orElseThrow(), THREE).getAsInt()).isEqualTo(1);
        assertThat(ranges.choose(Ipv4.parse("192.168.0.1").orElseThrow(), THREE)).isEmpty();
        assertThatThrownBy(() -> HaChoice.named("ranges", List.of("10.1.0.0=3"))).hasMessageContaining("ranges");
        assertThatThrownBy(() -> HaChoice.named("random", List.of())).hasMessageContaining("policy");
    }
}
