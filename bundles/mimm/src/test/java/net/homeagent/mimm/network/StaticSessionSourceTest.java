package net.homeagent.mimm.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.network.RealTimeSessionSource.SessionLoad;

class StaticSessionSourceTest {

    @Test
    void answersTheConfiguredLoadAndNoneForOtherNetworks() {
        StaticSessionSource source = StaticSessionSource.parse(List.of("2=12/960", " 3 = 1 / 64 "));
        assertThat(source.sessions(2)).isEqualTo(new SessionLoad(12, 960));
        assertThat(source.sessions(3)).isEqualTo(new SessionLoad(1, 64));
        assertThat(source.sessions(1)).isEqualTo(SessionLoad.NONE);
    }

    @Test
    void refusesABadEntry() {
        assertThatThrownBy(() -> StaticSessionSource.parse(List.of("2=12"))).hasMessageContaining("2=12");
        assertThatThrownBy(() -> StaticSessionSource.parse(List.of("x=1/2"))).hasMessageContaining("x=1/2");
        assertThatThrownBy(() -> StaticSessionSource.parse(List.of("2=-1/2"))).hasMessageContaining("not negative");
    }
}
