package net.homeagent.mip6.linux;

import static net.homeagent.mip6.Addresses.v6;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class LinuxHomeLinkTest {

    @Test
    void theRouteComesBeforeTheProxyEntryAndAWithdrawalFlushesTheRoute() {
        assertThat(LinuxHomeLink.batch("eth1", "mip6ha0", List.of(v6("2001:db8:100::1:1")), List.of(v6("2001:db8:100::1:2"))))
                .containsExactly(
                        "route replace 2001:db8:100:0:0:0:1:1/128 dev mip6ha0",
                        "neigh replace proxy 2001:db8:100:0:0:0:1:1 dev eth1",
                        "neigh del proxy 2001:db8:100:0:0:0:1:2 dev eth1",
                        "route flush 2001:db8:100:0:0:0:1:2/128 dev mip6ha0");
    }

    @Test
    void theAllNodesGroupGoesOutWithTheInterfaceAsScope() {
        assertThat(HexFormat.of().formatHex(Icmp6Socket.sockaddrIn6(v6("ff02::1"), 0x0102)))
                .isEqualTo("0a00" + "0000" + "00000000" + "ff020000000000000000000000000001" + "02010000");
    }
}
