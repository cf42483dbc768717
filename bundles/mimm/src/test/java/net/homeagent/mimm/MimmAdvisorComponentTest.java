package net.homeagent.mimm;

import static net.homeagent.mimm.Fixtures.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mimm.AdvisorView.NetworkStatus;
import net.homeagent.mip.api.testing.FakeBindingStore;

class MimmAdvisorComponentTest {

    @TempDir
    Path etc;

    @Test
    void readsTheNetworkFileAndCountsTheBindingsTheTableAlreadyHolds() throws IOException {
        Path file = Files.write(etc.resolve("mimm-networks.conf"), Fixtures.PLAN_LINES);
        FakeBindingStore store = new FakeBindingStore();
        store.register(binding("10.0.0.1", "10.1.0.1"), false);
        store.register(binding("10.0.0.2", "10.3.9.2"), false);

        MimmAdvisorComponent advisor = new MimmAdvisorComponent(store, config(file.toString(), "1=2/100, 2=3/300"));
        store.listen(advisor);
        store.register(binding("10.0.0.3", "10.1.0.3"), false);

        assertThat(advisor.networks()).extracting(NetworkStatus::mobiles).containsExactly(2, 0, 0, 1);
        assertThat(advisor.networks()).extracting(s -> s.sessions().kbps()).containsExactly(100L, 300L, 0L, 0L);
        assertThat(advisor.interprets()).extracting(t -> t.vendorType()).containsExactly(1);
    }

    @Test
    void aBadNetworkFileStopsActivationWithTheLine() throws IOException {
        Path file = Files.write(etc.resolve("mimm-networks.conf"), List.of("1 a wlan 10.0.0.0/8 1"));
        assertThatThrownBy(() -> new MimmAdvisorComponent(new FakeBindingStore(), config(file.toString())))
                .hasMessageStartingWith("line 1:");
    }

    @Test
    void theSessionSourceIsChosenByConfiguration() throws Exception {
        Path file = Files.write(etc.resolve("mimm-networks.conf"), Fixtures.PLAN_LINES);
        assertThat(new MimmAdvisorComponent(new FakeBindingStore(), config(file.toString())).sessionSource())
                .startsWith("static");
        // nobody answers on port 9 of loopback (discard): the source starts, the figures are unknown, no exception
        MimmAdvisorComponent kamailio = new MimmAdvisorComponent(new FakeBindingStore(), MimmConfigs.with(Map.of(
                "networksFile", file.toString(), "sessionSource", "kamailio", "kamailioUrl", "http://127.0.0.1:9/RPC",
                "adviceMemory", 10)));
        assertThat(kamailio.sessionSource()).startsWith("kamailio http://127.0.0.1:9/RPC");
        assertThat(kamailio.sessionsKnown()).isFalse();
        kamailio.deactivate();

        assertThatThrownBy(() -> new MimmAdvisorComponent(new FakeBindingStore(), MimmConfigs.with(Map.of(
                "networksFile", file.toString(), "sessionSource", "sip", "adviceMemory", 10))))
                .hasMessageContaining("static or kamailio");
        assertThatThrownBy(() -> new MimmAdvisorComponent(new FakeBindingStore(), MimmConfigs.with(Map.of(
                "networksFile", file.toString(), "sessionSource", "kamailio", "kamailioUrl", "udp://127.0.0.1:9",
                "adviceMemory", 10))))
                .hasMessageContaining("kamailioUrl");
    }

    private static MimmConfig config(String networksFile, String... staticSessions) {
        return MimmConfigs.with(Map.of("networksFile", networksFile, "staticSessions", staticSessions,
                "adviceMemory", 10));
    }
}
