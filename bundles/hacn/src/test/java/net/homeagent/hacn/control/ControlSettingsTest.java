package net.homeagent.hacn.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ControlSettingsTest {

    /** The configuration as ConfigAdmin gives it from a .cfg file: {@code values}, else the defaults. */
    static HacnConfig config(Map<String, Object> values) {
        return (HacnConfig) Proxy.newProxyInstance(HacnConfig.class.getClassLoader(), new Class<?>[] {HacnConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void listsComeAsSeveralValuesOrOneCommaSeparatedText() {
        ControlSettings settings = ControlSettings.from(config(Map.of("publicAddress", "192.0.2.1",
                "agents", new String[] {"1@10.0.0.11:7434, 2@10.0.0.12:7434"},
                "redundantAgents", new String[] {"3@10.0.0.13:7434 10 0, 4@10.0.0.14:7434 5 100000"},
                "policy", "ranges", "ranges", new String[] {"10.1.0.0/16=1", "10.2.0.0/16=2"})));

        assertThat(settings.agents()).extracting(AgentSpec::nodeId).containsExactly(1, 2, 3, 4);
        assertThat(settings.agents().get(3)).satisfies(a -> {
            assertThat(a.redundant()).isTrue();
            assertThat(a.priority()).isEqualTo(5);
            assertThat(a.capacity()).isEqualTo(100_000);
            assertThat(a.address().getPort()).isEqualTo(7434);
        });
        assertThat(settings.choice().name()).isEqualTo("ranges");
        assertThat(settings.port()).isEqualTo(434);
        assertThat(settings.heartbeatMisses()).isEqualTo(3);
        assertThat(settings.snapshotStall()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(settings.switchoverWait()).isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void anActiveHaMayNameItsPriorityAndCapacityAsARedundantHaAfterARejoin() {
        ControlSettings settings = ControlSettings.from(config(Map.of("publicAddress", "192.0.2.1",
                "agents", new String[] {"1@10.0.0.11:7434 5 100000, 2@10.0.0.12:7434", "3@10.0.0.13:7434 7 0"})));

        assertThat(settings.agents()).extracting(AgentSpec::nodeId, AgentSpec::redundant, AgentSpec::priority,
                AgentSpec::capacity).containsExactly(org.assertj.core.groups.Tuple.tuple(1, false, 5, 100_000),
                        org.assertj.core.groups.Tuple.tuple(2, false, 0, 0),
                        org.assertj.core.groups.Tuple.tuple(3, false, 7, 0));
        assertThatThrownBy(() -> ControlSettings.from(config(Map.of("publicAddress", "192.0.2.1",
                "agents", new String[] {"1@10.0.0.11:7434 5, 2@10.0.0.12:7434"}))))
                .hasMessage("agents: '1@10.0.0.11:7434' needs both priority and capacity, or neither");
        assertThatThrownBy(() -> ControlSettings.from(config(Map.of("publicAddress", "192.0.2.1",
                "agents", new String[] {"1@10.0.0.11:7434 high 0"})))).hasMessage("agents: not a number: 'high'");
    }

    @Test
    void thePeerControlNodeIsNodeIdAtAddressAndNoneOfTheHas() {
        ControlSettings settings = ControlSettings.from(config(Map.of("publicAddress", "192.0.2.1",
                "agents", new String[] {"1@192.0.2.11:7434"})));
        assertThat(PeerControlNode.of("", settings)).isEmpty();
        assertThat(PeerControlNode.of("200@192.0.2.3:7434", settings)).contains(new PeerControlNode(200,
                new java.net.InetSocketAddress("192.0.2.3", 7434)));
        assertThatThrownBy(() -> PeerControlNode.of("192.0.2.3:7434", settings)).hasMessageContaining(
                "peerControlNode: not nodeId@host:port");
        assertThatThrownBy(() -> PeerControlNode.of("x@192.0.2.3:7434", settings)).hasMessageContaining(
                "peerControlNode: not a number");
        assertThatThrownBy(() -> PeerControlNode.of("1@192.0.2.3:7434", settings)).hasMessage(
                "peerControlNode: node 1 is one of the HAs");
    }

    @Test
    void aBadValueNamesItsKey() {
        assertThatThrownBy(() -> ControlSettings.from(config(Map.of()))).hasMessageContaining("publicAddress");
        assertThatThrownBy(() -> ControlSettings.from(config(Map.of("publicAddress", "192.0.2.1",
                "agents", new String[] {"1@10.0.0.11"})))).hasMessageContaining("agents");
        assertThatThrownBy(() -> ControlSettings.from(config(Map.of("publicAddress", "192.0.2.1",
                "redundantAgents", new String[] {"3@10.0.0.13:7434 10"})))).hasMessageContaining("redundantAgents");
        assertThatThrownBy(() -> ControlSettings.from(config(Map.of("publicAddress", "192.0.2.1",
                "agents", new String[] {"1@10.0.0.11:7434", "1@10.0.0.12:7434"})))).hasMessageContaining("twice");
    }
}
