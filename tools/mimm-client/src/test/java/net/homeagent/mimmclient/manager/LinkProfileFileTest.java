package net.homeagent.mimmclient.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mimm.LinkType;

class LinkProfileFileTest {

    @Test
    void readsOneLinkALine() {
        List<LinkProfile> links = LinkProfileFile.parse(List.of("# the bench mobile", "",
                "wlan0 wlan 1 192.0.2.1 192.0.2.254 54000 800 0 2   # preferred",
                "wwan0 cellular 2 198.51.100.1 - 10000 1200 5.5 1"));
        assertThat(links).containsExactly(
                new LinkProfile("wlan0", LinkType.WLAN, 1, 54_000, 800, 0, 2, Links.address("192.0.2.1"),
                        Optional.of(Links.address("192.0.2.254"))),
                new LinkProfile("wwan0", LinkType.CELLULAR, 2, 10_000, 1200, 5.5, 1, Links.address("198.51.100.1"),
                        Optional.empty()));
    }

    @Test
    void aBadLineIsAnErrorNamingIt() {
        assertThatThrownBy(() -> LinkProfileFile.parse(List.of("wlan0 wlan 1 192.0.2.1 - 1 1 1"))).hasMessageStartingWith(
                "line 1: 8 fields");
        assertThatThrownBy(() -> LinkProfileFile.parse(List.of("#", "wlan0 radio 1 192.0.2.1 - 1 1 1 1")))
                .hasMessageStartingWith("line 2: type 'radio'");
        assertThatThrownBy(() -> LinkProfileFile.parse(List.of("wlan0 wlan 0 192.0.2.1 - 1 1 1 1")))
                .hasMessageContaining("network id is 1..65535");
        assertThatThrownBy(() -> LinkProfileFile.parse(List.of("wlan0 wlan 1 192.0.2 - 1 1 1 1")))
                .hasMessageContaining("'192.0.2' is not an IPv4 address");
        assertThatThrownBy(() -> LinkProfileFile.parse(List.of("wlan0 wlan 1 192.0.2.1 - fast 1 1 1")))
                .hasMessageContaining("are numbers");
        assertThatThrownBy(() -> LinkProfileFile.parse(List.of("# nothing"))).hasMessage("no link");
    }

    @Test
    void linksSharingACareOfAddressAreOneSubnetGroupWithOneNetworkAndGateway() {
        assertThat(LinkProfileFile.parse(List.of("wlan0 wlan 1 192.0.2.1 192.0.2.254 54000 800 0 2",
                "wlan2 wlan 1 192.0.2.1 192.0.2.254 54000 800 0 2"))).hasSize(2);
        assertThatThrownBy(() -> LinkProfileFile.parse(List.of("wlan0 wlan 1 192.0.2.1 192.0.2.254 1 1 1 1",
                "wlan2 wlan 2 192.0.2.1 192.0.2.254 1 1 1 1"))).hasMessageStartingWith(
                "line 2: wlan2 shares care-of address 192.0.2.1 with wlan0");
        assertThatThrownBy(() -> LinkProfileFile.parse(List.of("wlan0 wlan 1 192.0.2.1 192.0.2.254 1 1 1 1",
                "wlan2 wlan 1 192.0.2.1 192.0.2.253 1 1 1 1"))).hasMessageContaining("one network and one gateway");
        assertThatThrownBy(() -> LinkProfileFile.parse(List.of("wlan0 wlan 1 192.0.2.1 - 1 1 1 1",
                "wlan2 wlan 1 192.0.2.1 - 1 1 1 1"))).hasMessageContaining("named on each line");
    }
}
