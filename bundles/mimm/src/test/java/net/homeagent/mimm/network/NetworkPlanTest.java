package net.homeagent.mimm.network;

import static net.homeagent.mimm.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.Fixtures;
import net.homeagent.mip.codec.mimm.LinkType;

class NetworkPlanTest {

    private final NetworkPlan plan = Fixtures.plan();

    @Test
    void readsEveryFieldAndSkipsCommentsAndBlankLines() {
        assertThat(plan.networks()).extracting(Network::id).containsExactly(1, 2, 3, 4);
        Network cell = plan.byId(2).orElseThrow();
        assertThat(cell.name()).isEqualTo("cell-b");
        assertThat(cell.type()).isEqualTo(LinkType.CELLULAR);
        assertThat(cell.careOfPrefixes()).hasToString("[10.2.0.0/16, 172.16.0.0/12]");
        assertThat(cell.capacityMobiles()).isEqualTo(100);
        assertThat(cell.capacityKbps()).isEqualTo(10000);
        assertThat(cell.forwardedKbps()).isEmpty();
        assertThat(plan.byId(3).orElseThrow().forwardedKbps()).hasValue(8000);
    }

    @Test
    void findsTheNetworkOfACareOfAddressByItsLongestPrefix() {
        assertThat(plan.byCareOf(ip("10.3.9.20"))).map(Network::id).contains(4);
        assertThat(plan.byCareOf(ip("10.3.8.20"))).map(Network::id).contains(3);
        assertThat(plan.byCareOf(ip("172.31.255.1"))).map(Network::id).contains(2);
        assertThat(plan.byCareOf(ip("192.0.2.9"))).isEmpty();
        assertThat(plan.byId(9)).isEmpty();
    }

    @Test
    void ofTwoNetworksWithTheSamePrefixTheLowerIdHoldsTheAddressWhateverTheFilesOrder() {
        NetworkPlan twins = NetworkPlan.parse(List.of("9 b wlan 10.0.0.0/8 1 1", "5 a wlan 10.0.0.0/8,11.0.0.0/8 1 1",
                "7 c wlan 10.1.0.0/16 1 1"));

        assertThat(twins.byCareOf(ip("10.2.0.1"))).map(Network::id).contains(5);
        assertThat(twins.byCareOf(ip("10.1.0.1"))).map(Network::id).contains(7);
        assertThat(twins.byCareOf(ip("11.0.0.1"))).map(Network::id).contains(5);
        assertThat(twins.networks()).extracting(Network::id).containsExactly(5, 7, 9);
    }

    @Test
    void namesTheLineThatIsWrong() {
        assertThatThrownBy(() -> NetworkPlan.parse(List.of("# x", "1 a wlan 10.0.0.0/8 1")))
                .hasMessageStartingWith("line 2: 6 or 7 fields expected");
        assertThatThrownBy(() -> NetworkPlan.parse(List.of("1 a wlan 10.0.0.0/8 1 1 5 6")))
                .hasMessageStartingWith("line 1: 6 or 7 fields expected");
        assertThatThrownBy(() -> NetworkPlan.parse(List.of("1 a wlan 10.0.0.0/8 1 1 -5")))
                .hasMessageContaining("negative capacity");
        assertThatThrownBy(() -> NetworkPlan.parse(List.of("1 a wifi 10.0.0.0/8 1 1")))
                .hasMessageContaining("unknown type wifi");
        assertThatThrownBy(() -> NetworkPlan.parse(List.of("1 a wlan 10.0.0.1/8 1 1")))
                .hasMessageContaining("host bits set in 10.0.0.1/8");
        assertThatThrownBy(() -> NetworkPlan.parse(List.of("1 a wlan host.example/8 1 1")))
                .hasMessageContaining("not a prefix");
        assertThatThrownBy(() -> NetworkPlan.parse(List.of("0 a wlan 10.0.0.0/8 1 1")))
                .hasMessageContaining("network id is 1..65535");
        assertThatThrownBy(() -> NetworkPlan.parse(List.of("1 a wlan 10.0.0.0/8 1 1", "1 b wlan 11.0.0.0/8 1 1")))
                .hasMessageContaining("defined twice");
    }
}
