package net.homeagent.dataplane.kernel;

import static net.homeagent.dataplane.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.dataplane.host.HomeRoutes;
import net.homeagent.dataplane.host.RecordingHost;
import net.homeagent.dataplane.packet.Ipv4Header;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelSpec;

/** Exactly what the kernel implementation asks of the kernel, line by line (ip-link(8), ip-route(8), ip-neighbour(8)). */
class KernelDataPlaneTest {

    private final RecordingHost host = new RecordingHost();
    private final List<String> announced = new ArrayList<>();
    private final KernelDataPlane plane = new KernelDataPlane(host, new HomeRoutes(host, "eth1", 77, true),
            home -> announced.add(Ipv4Header.text(home)), Optional.empty(), Path.of("/nonexistent"), List::of);

    @Test
    void ipInIpTunnelsAreSharedPerCareOfAddress() {
        TunnelSpec a = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        TunnelSpec b = spec("10.0.1.11", "192.0.2.2", Encapsulation.IP_IN_IP);
        String device = KernelTunnelNames.of(a);

        plane.install(a);
        plane.install(b);

        assertThat(device).matches("mii c0000202[0-9a-f]{4}".replace(" ", ""));
        assertThat(host.take()).containsExactly(
                "link add " + device + " type ipip local 10.0.1.1 remote 192.0.2.2 ttl 64",
                "link set " + device + " up",
                "route replace 10.0.1.10/32 dev " + device + " proto 77", "neigh replace proxy 10.0.1.10 dev eth1",
                "route replace 10.0.1.11/32 dev " + device + " proto 77", "neigh replace proxy 10.0.1.11 dev eth1");
        assertThat(announced).containsExactly("10.0.1.10", "10.0.1.11");

        plane.remove(a.key());
        assertThat(host.take()).containsExactly("neigh del proxy 10.0.1.10 dev eth1",
                "route del 10.0.1.10/32 dev " + device + " proto 77");
        plane.remove(b.key());
        assertThat(host.take()).containsExactly("neigh del proxy 10.0.1.11 dev eth1",
                "route del 10.0.1.11/32 dev " + device + " proto 77", "link del " + device);
    }

    @Test
    void greTunnelsCarryTheHomeAddressAsKeyBothWays() {
        TunnelSpec gre = spec("10.0.1.10", "192.0.2.2", Encapsulation.GRE);
        String device = KernelTunnelNames.of(gre);

        plane.install(gre);

        // 10.0.1.10 = 167772426
        assertThat(host.take().get(0)).isEqualTo("link add " + device
                + " type gre local 10.0.1.1 remote 192.0.2.2 ttl 64 ikey 167772426 okey 167772426");
        assertThat(device).startsWith("mig0a00010a").hasSize(15);
    }

    @Test
    void aCareOfChangeReplacesTheRouteBeforeTheOldTunnelGoes() {
        TunnelSpec before = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        TunnelSpec after = spec("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP);
        plane.install(before);
        host.take();

        plane.update(before.key(), after);

        String oldDevice = KernelTunnelNames.of(before);
        String newDevice = KernelTunnelNames.of(after);
        assertThat(host.take()).containsExactly(
                "link add " + newDevice + " type ipip local 10.0.1.1 remote 192.0.2.3 ttl 64",
                "link set " + newDevice + " up",
                "route replace 10.0.1.10/32 dev " + newDevice + " proto 77", "neigh replace proxy 10.0.1.10 dev eth1",
                "link del " + oldDevice);
    }

    @Test
    void withoutUserSpaceForwarderMinimalAndUdpAreRefusedNotPretended() {
        plane.install(spec("10.0.1.10", "192.0.2.2", Encapsulation.MINIMAL));

        assertThat(host.take()).isEmpty();
        assertThat(plane.tunnels()).isEmpty();
        assertThat(plane.status().facts()).anyMatch(f -> f.contains("not forwarded") && f.endsWith("refused 1"));
    }

    @Test
    void reconcileDeletesOurUnexplainedDevicesAndKeepsTheLiveOnes() {
        TunnelSpec live = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        String kept = KernelTunnelNames.of(live);
        host.listings.put("link show", List.of("1: lo: <LOOPBACK,UP> mtu 65536",
                "7: " + kept + "@NONE: <POINTOPOINT,NOARP,UP> mtu 1480",
                "8: mii0a0a0a0a1234@NONE: <POINTOPOINT,NOARP,UP> mtu 1480",
                "9: eth1@if10: <BROADCAST,MULTICAST,UP> mtu 1500"));

        plane.reconcile(List.of(live));

        assertThat(host.take()).containsExactly("link del mii0a0a0a0a1234",
                "route replace 10.0.1.10/32 dev " + kept + " proto 77", "neigh replace proxy 10.0.1.10 dev eth1");
    }
}
