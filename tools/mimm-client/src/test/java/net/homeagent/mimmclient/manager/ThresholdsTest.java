package net.homeagent.mimmclient.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void parsesInTheDocumentedOrder() {
        assertThat(Thresholds.parse("-80, -75,-65,-78,-85")).isEqualTo(new Thresholds(-80, -75, -65, -78, -85));
        assertThat(Thresholds.single(-70)).isEqualTo(new Thresholds(-70, -70, -70, -70, -70));
    }

    @Test
    void refusesAnOrderWithoutHysteresisDirectionOrBadText() {
        // available below inactive
        assertThatThrownBy(() -> new Thresholds(-90, -75, -65, -78, -85)).hasMessageContaining("inactive <= available");
        // deteriorating above active
        assertThatThrownBy(() -> new Thresholds(-80, -75, -65, -70, -85)).hasMessageContaining("deteriorating <= active");
        // stable below active
        assertThatThrownBy(() -> new Thresholds(-80, -75, -76, -78, -85)).hasMessageContaining("active <= stable");
        assertThatThrownBy(() -> Thresholds.parse("-80,-75")).hasMessageContaining("available,active,stable");
        assertThatThrownBy(() -> Thresholds.parse("-80,-75,x,-78,-85")).hasMessageContaining("'x'");
    }
}
