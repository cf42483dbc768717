package net.homeagent.dataplane.kernel;

import static net.homeagent.dataplane.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.dataplane.host.HomeRoutes;
import net.homeagent.dataplane.host.RecordingHost;
import net.homeagent.dataplane.host.SimulatedHost;
import net.homeagent.dataplane.userspace.UserSpaceDataPlane;
import net.homeagent.dataplane.userspace.UserSpacePlanes;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.codec.wire.Ipv4;

/** Exactly what the kernel implementation asks of the kernel, line by line (ip-link(8), ip-route(8), ip-neighbour(8)). */
class KernelDataPlaneTest {

    private final RecordingHost host = new RecordingHost();
    private final List<String> announced = new ArrayList<>();
    private final KernelDataPlane plane = new KernelDataPlane(host, new HomeRoutes(host, "eth1", 77, true),
            home -> announced.add(Ipv4.text(home)), Optional.empty(), Path.of("/nonexistent"), List::of);

    // the kernel plane with the user-space forwarder beside it, as HostDataPlanes builds them, on a
    // host whose tables follow the lines: both sides share its routes and proxy entries
    private final SimulatedHost simulated = new SimulatedHost("eth1", 77);
    private final HomeRoutes shared = new HomeRoutes(simulated, "eth1", 77, true);
    private final UserSpaceDataPlane fallback = UserSpacePlanes.withoutDevice(shared,
            home -> announced.add(Ipv4.text(home)));
    private final KernelDataPlane withFallback = new KernelDataPlane(simulated, shared,
            home -> announced.add(Ipv4.text(home)), Optional.of(fallback), Path.of("/nonexistent"), List::of);

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

    @Test
    void reconcileWithBindingsOnBothSidesRemovesOnlyWhatNoBindingExplains() {
        TunnelSpec inKernel = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        TunnelSpec inUserSpace = spec("10.0.1.11", "192.0.2.2", Encapsulation.MINIMAL);
        String device = KernelTunnelNames.of(inKernel);
        // what the crashed run left: kernel devices and their routes; the TUN device's routes went
        // with it; every proxy entry stays; and one stale binding of each kind
        simulated.devices.addAll(List.of(device, "mii0a0a0a0a1234"));
        simulated.routes.put("10.0.1.10", device);
        simulated.routes.put("10.0.1.99", "mii0a0a0a0a1234");
        simulated.proxyEntries.addAll(List.of("10.0.1.10", "10.0.1.11", "10.0.1.98"));

        withFallback.reconcile(List.of(inKernel, inUserSpace));

        assertThat(simulated.deleted).containsExactlyInAnyOrder("link mii0a0a0a0a1234",
                "route 10.0.1.99 dev mii0a0a0a0a1234", "proxy 10.0.1.98");
        assertThat(simulated.routes).isEqualTo(Map.of("10.0.1.10", device, "10.0.1.11", "mip0"));
        assertThat(simulated.proxyEntries).containsExactly("10.0.1.10", "10.0.1.11");
        assertThat(simulated.devices).containsExactly(device);
        assertThat(simulated.failures()).isZero();
        assertThat(withFallback.tunnels()).containsExactly(inKernel, inUserSpace);
        // the home link was sending both home addresses to us already
        assertThat(announced).isEmpty();
    }

    @Test
    void aTakeOverAnnouncesEveryHomeAddressOnBothSidesEvenThoseProxiedAlready() {
        TunnelSpec inKernel = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        TunnelSpec inUserSpace = spec("10.0.1.11", "192.0.2.2", Encapsulation.MINIMAL);
        simulated.proxyEntries.addAll(List.of("10.0.1.10", "10.0.1.11", "10.0.1.98"));

        withFallback.takeOver(List.of(inKernel, inUserSpace));

        assertThat(simulated.deleted).containsExactly("proxy 10.0.1.98");
        assertThat(simulated.proxyEntries).containsExactlyInAnyOrder("10.0.1.10", "10.0.1.11");
        // the home link sent them to another node until now
        assertThat(announced).containsExactlyInAnyOrder("10.0.1.10", "10.0.1.11");
        assertThat(withFallback.tunnels()).containsExactly(inKernel, inUserSpace);
    }

    @Test
    void standingByWithdrawsEveryHomeAddressAndDevice() {
        TunnelSpec inKernel = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        withFallback.install(inKernel);
        withFallback.install(spec("10.0.1.11", "192.0.2.2", Encapsulation.MINIMAL));

        withFallback.standBy();

        assertThat(simulated.routes).isEmpty();
        assertThat(simulated.proxyEntries).isEmpty();
        assertThat(simulated.devices).isEmpty();
        assertThat(withFallback.tunnels()).isEmpty();
        assertThat(simulated.failures()).isZero();
    }

    @Test
    void anEncapsulationChangeHandsTheBindingToTheOtherSideAndLeavesNothingBehind() {
        TunnelSpec ipInIp = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        TunnelSpec minimal = spec("10.0.1.10", "192.0.2.2", Encapsulation.MINIMAL);
        String device = KernelTunnelNames.of(ipInIp);
        withFallback.install(ipInIp);

        // a renewal asking for minimal encapsulation, which only the user-space forwarder has
        withFallback.install(minimal);

        assertThat(simulated.routes).isEqualTo(Map.of("10.0.1.10", "mip0"));
        assertThat(simulated.proxyEntries).containsExactly("10.0.1.10");
        assertThat(simulated.devices).isEmpty();
        assertThat(withFallback.tunnels()).containsExactly(minimal);

        withFallback.install(ipInIp);

        assertThat(simulated.routes).isEqualTo(Map.of("10.0.1.10", device));
        assertThat(simulated.proxyEntries).containsExactly("10.0.1.10");
        assertThat(fallback.tunnels()).isEmpty();
        assertThat(withFallback.tunnels()).containsExactly(ipInIp);
        assertThat(simulated.deleted).containsExactly("link " + device);

        withFallback.remove(ipInIp.key());

        assertThat(simulated.routes).isEmpty();
        assertThat(simulated.proxyEntries).isEmpty();
        assertThat(simulated.devices).isEmpty();
        assertThat(withFallback.tunnels()).isEmpty();
        assertThat(simulated.failures()).isZero();
    }

    @Test
    void aCareOfChangeToTheOtherSideKeepsTheHomeAddressRoutedAndProxied() {
        TunnelSpec minimal = spec("10.0.1.10", "192.0.2.2", Encapsulation.MINIMAL);
        TunnelSpec ipInIp = spec("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP);
        TunnelSpec minimalAgain = spec("10.0.1.10", "192.0.2.4", Encapsulation.MINIMAL);
        withFallback.install(minimal);

        withFallback.update(minimal.key(), ipInIp);

        assertThat(simulated.routes).isEqualTo(Map.of("10.0.1.10", KernelTunnelNames.of(ipInIp)));
        assertThat(simulated.proxyEntries).containsExactly("10.0.1.10");
        assertThat(withFallback.tunnels()).containsExactly(ipInIp);

        withFallback.update(ipInIp.key(), minimalAgain);

        assertThat(simulated.routes).isEqualTo(Map.of("10.0.1.10", "mip0"));
        assertThat(simulated.proxyEntries).containsExactly("10.0.1.10");
        assertThat(simulated.devices).isEmpty();
        assertThat(withFallback.tunnels()).containsExactly(minimalAgain);
        assertThat(simulated.deleted).containsExactly("link " + KernelTunnelNames.of(ipInIp));
        assertThat(simulated.failures()).isZero();
    }
}
