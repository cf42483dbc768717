package net.homeagent.mip6.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.registration.Ipv6Prefix;

class HostSetupTest {

    @Test
    void theDeviceComesUpAndEachAddressAndTunnelledPrefixIsRoutedIntoIt() {
        assertThat(HostSetup.commands("mip6ha0", List.of(Addresses.v6("2001:db8:100::1"), Addresses.v6("2001:db8:100::2")),
                List.of(Ipv6Prefix.parse("2001:db8:100::/64"))))
                .containsExactly(
                        List.of("ip", "link", "set", "dev", "mip6ha0", "up"),
                        List.of("ip", "-6", "route", "replace", "2001:db8:100:0:0:0:0:1/128", "dev", "mip6ha0"),
                        List.of("ip", "-6", "route", "replace", "2001:db8:100:0:0:0:0:2/128", "dev", "mip6ha0"),
                        List.of("ip", "-6", "route", "replace", "2001:db8:100:0:0:0:0:0/64", "dev", "mip6ha0"));
    }
}
