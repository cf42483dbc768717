package net.homeagent.ha;

import static net.homeagent.ha.RequestBuilder.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Encapsulation;

class HomeAgentSettingsTest {

    @Test
    void theEmbeddedDefaultsAreTheAgreedOnes() {
        HomeAgentSettings settings = TestConfigs.settings(Map.of());

        assertThat(settings.listenAddresses()).containsExactly(ip("0.0.0.0"));
        assertThat(settings.port()).isEqualTo(434);
        assertThat(settings.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(settings.receiveBatch()).isEqualTo(16);
        assertThat(settings.homeAgentAddresses()).isEmpty();
        assertThat(settings.maxLifetime()).isEqualTo(1800);
        assertThat(settings.maxSimultaneousBindings()).isEqualTo(5);
        assertThat(settings.timestampSkew()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.encapsulations()).containsExactlyInAnyOrder(Encapsulation.IP_IN_IP, Encapsulation.GRE,
                Encapsulation.MINIMAL);
        assertThat(settings.reverseTunnelling()).isTrue();
        assertThat(settings.reverseTunnelMandatory()).isFalse();
        assertThat(settings.udpTunnelling()).isTrue();
        assertThat(settings.udpKeepaliveInterval()).isEqualTo(110);
        assertThat(settings.addressPools()).isEmpty();
    }

    @Test
    void listsGivenAsOneCommaSeparatedTextAreSplitAndBadEntriesLeftOut() {
        HomeAgentSettings settings = TestConfigs.settings(Map.of(
                "homeAgentAddresses", new String[] {"10.0.0.1, 10.0.0.300,10.0.0.2"},
                "addressPools", new String[] {"10.1.0.0/24,10.2.0.1/24", "10.3.0.0/16"},
                "encapsulations", new String[] {"ip-in-ip,teleport"}));

        assertThat(settings.homeAgentAddresses()).containsExactly(ip("10.0.0.1"), ip("10.0.0.2"));
        assertThat(settings.addressPools()).extracting(AddressPool::toString)
                .containsExactly("10.1.0.0/24", "10.3.0.0/16");
        assertThat(settings.encapsulations()).containsExactly(Encapsulation.IP_IN_IP);
        assertThat(settings.poolOf(ip("10.3.4.5"))).contains(AddressPool.parse("10.3.0.0/16"));
    }

    @Test
    void aGivenNumberOfEventLoopsIsKept() {
        assertThat(TestConfigs.settings(Map.of("eventLoops", 3)).eventLoops()).isEqualTo(3);
    }

    @Test
    void numbersOutOfRangeFallBackToTheirDefault() {
        HomeAgentSettings settings = TestConfigs.settings(Map.of("maxLifetime", 0, "maxSimultaneousBindings", -1,
                "port", 70000, "listenAddresses", new String[] {"nowhere"}, "eventLoops", -2, "receiveBatch", 0));

        assertThat(settings.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(settings.receiveBatch()).isEqualTo(16);

        assertThat(settings.maxLifetime()).isEqualTo(1800);
        assertThat(settings.maxSimultaneousBindings()).isEqualTo(5);
        assertThat(settings.port()).isEqualTo(434);
        assertThat(settings.listenAddresses()).containsExactly(ip("0.0.0.0"));
    }
}
