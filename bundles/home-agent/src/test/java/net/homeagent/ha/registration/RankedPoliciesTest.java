package net.homeagent.ha.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.RegistrationPolicy;
import net.homeagent.mip.api.RegistrationVerdict;

class RankedPoliciesTest {

    private static RegistrationPolicy policy() {
        return (registration, proposed) -> RegistrationVerdict.PASSED;
    }

    @Test
    void highestRankingFirstThenOldestService() {
        RegistrationPolicy low = policy();
        RegistrationPolicy high = policy();
        RegistrationPolicy unranked = policy();
        RegistrationPolicy unrankedOlder = policy();

        List<RegistrationPolicy> ordered = RankedPolicies.order(List.of(
                Map.entry(Map.of("service.ranking", -5, "service.id", 1L), low),
                Map.entry(Map.of("service.id", 9L), unranked),
                Map.entry(Map.of("service.ranking", 100, "service.id", 12L), high),
                Map.entry(Map.of("service.ranking", "not a number", "service.id", 3L), unrankedOlder)));

        assertThat(ordered).containsExactly(high, unrankedOlder, unranked, low);
    }
}
