package net.homeagent.ha.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RankedServicesTest {

    private List<Map.Entry<Map<String, Object>, String>> bound = List.of();

    @Test
    void ordersWhatDsHandsOverAndKeepsTheOrderUntilDsReplacesTheList() {
        RankedServices<String> ranked = new RankedServices<>(() -> bound);
        assertThat(ranked.get()).isEmpty();

        bound = List.of(Map.entry(Map.of("service.ranking", 1, "service.id", 7L), "low"),
                Map.entry(Map.of("service.ranking", 5, "service.id", 9L), "high"));
        List<String> first = ranked.get();

        assertThat(first).containsExactly("high", "low");
        assertThat(ranked.get()).as("not sorted again").isSameAs(first);
        bound = List.of(Map.entry(Map.of("service.id", 3L), "alone"));
        assertThat(ranked.get()).containsExactly("alone");
    }
}
