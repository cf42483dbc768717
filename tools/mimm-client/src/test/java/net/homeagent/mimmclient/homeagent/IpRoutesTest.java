package net.homeagent.mimmclient.homeagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mimmclient.manager.LinkProfile;

class IpRoutesTest {

    @Test
    void runsIpLinkAndIpRouteReplace() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        IpRoutes routes = new IpRoutes(command -> {
            commands.add(command);
            return command.contains("wwan0") ? 2 : 0;
        });
        Inet4Address careOf = (Inet4Address) InetAddress.getByName("192.0.2.1");
        LinkProfile wlan = new LinkProfile("wlan0", LinkType.WLAN, 1, 1, 1, 1, 1, careOf,
                Optional.of((Inet4Address) InetAddress.getByName("192.0.2.254")));
        LinkProfile wwan = new LinkProfile("wwan0", LinkType.CELLULAR, 2, 1, 1, 1, 1, careOf, Optional.empty());

        assertThat(routes.bringUp(wlan)).isTrue();
        assertThat(routes.useDefault(wlan)).isTrue();
        assertThat(routes.useDefault(wwan)).isFalse();
        assertThat(commands).containsExactly(
                List.of("ip", "link", "set", "dev", "wlan0", "up"),
                List.of("ip", "route", "replace", "default", "via", "192.0.2.254", "dev", "wlan0"),
                List.of("ip", "route", "replace", "default", "dev", "wwan0"));
        assertThat(new IpRoutes(command -> {
            throw new IOException("no ip here");
        }).bringUp(wlan)).isFalse();
    }

    @Test
    void aSubnetGroupMemberTakesTheRouteWithTheSharedAddressAndMakesTheRouterLearnIt() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        boolean[] routeFails = {false};
        IpRoutes routes = new IpRoutes(command -> {
            commands.add(command);
            // the echo to the gateway may go unanswered: the ARP exchange is what matters
            return command.get(0).equals("ping") ? 1 : command.contains("route") && routeFails[0] ? 2 : 0;
        });
        LinkProfile member = new LinkProfile("wlan2", LinkType.WLAN, 1, 1, 1, 1, 1,
                (Inet4Address) InetAddress.getByName("192.0.2.1"),
                Optional.of((Inet4Address) InetAddress.getByName("192.0.2.254")));

        assertThat(routes.useMember(member)).isTrue();
        assertThat(commands).containsExactly(
                List.of("ip", "route", "replace", "192.0.2.254/32", "dev", "wlan2", "src", "192.0.2.1"),
                List.of("ip", "neigh", "flush", "to", "192.0.2.254"),
                List.of("ping", "-n", "-q", "-c", "1", "-W", "1", "-I", "wlan2", "192.0.2.254"),
                List.of("ip", "route", "replace", "default", "via", "192.0.2.254", "dev", "wlan2", "src", "192.0.2.1"),
                List.of("ip", "neigh", "flush", "to", "192.0.2.254"));
        commands.clear();
        routeFails[0] = true;
        assertThat(routes.useMember(member)).isFalse();
        // nothing more when the host route did not move: the echo would leave by the old member
        assertThat(commands).hasSize(1);
    }
}
