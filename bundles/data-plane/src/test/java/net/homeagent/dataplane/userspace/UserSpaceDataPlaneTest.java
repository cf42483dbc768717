package net.homeagent.dataplane.userspace;

import static net.homeagent.dataplane.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.dataplane.host.HomeRoutes;
import net.homeagent.dataplane.host.RecordingHost;
import net.homeagent.dataplane.packet.Decapsulated;
import net.homeagent.dataplane.packet.Packets;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.codec.wire.Ipv4;

class UserSpaceDataPlaneTest {

    private final RecordingHost host = new RecordingHost();
    private final List<String> announced = new ArrayList<>();
    private final TunnelTable table = new TunnelTable(434);
    private final Drops drops = new Drops();
    private final UserSpaceDataPlane plane = new UserSpaceDataPlane(table, drops, new HomeRoutes(host, "eth1", 77, true),
            home -> announced.add(Ipv4.text(home)), "mip0", (m, s, r) -> { }, () -> { }, List::of);

    @Test
    void aNewHomeAddressIsRoutedIntoTheTunProxiedAndAnnounced() {
        plane.install(spec("10.0.1.10", "192.0.2.2", Encapsulation.GRE));

        assertThat(host.take()).containsExactly("route replace 10.0.1.10/32 dev mip0 proto 77",
                "neigh replace proxy 10.0.1.10 dev eth1");
        assertThat(announced).containsExactly("10.0.1.10");
        assertThat(plane.tunnels()).hasSize(1);
        assertThat(plane.counters(spec("10.0.1.10", "192.0.2.2", Encapsulation.GRE).key())).isPresent();
    }

    @Test
    void installingTheSameTunnelAgainAsksNothingOfTheHost() {
        plane.install(spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP));
        host.take();

        plane.install(spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP));
        plane.install(spec("10.0.1.10", "192.0.2.2", Encapsulation.MINIMAL));

        assertThat(host.take()).isEmpty();
        assertThat(announced).hasSize(1);
        assertThat(plane.tunnels()).extracting(TunnelSpec::encapsulation).containsExactly(Encapsulation.MINIMAL);
    }

    @Test
    void aCareOfChangeMovesTheTunnelWithoutTouchingTheRoute() {
        TunnelSpec before = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        plane.install(before);
        host.take();

        plane.update(before.key(), spec("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP));

        assertThat(host.take()).isEmpty();
        assertThat(announced).hasSize(2);
        assertThat(plane.tunnels()).extracting(t -> t.careOfAddress().getHostAddress()).containsExactly("192.0.2.3");
    }

    @Test
    void theLastBindingTakesRouteAndProxyEntryWithIt() {
        TunnelSpec first = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        TunnelSpec second = spec("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP);
        plane.install(first);
        plane.install(second);
        host.take();

        plane.remove(first.key());
        assertThat(host.take()).isEmpty();
        plane.remove(second.key());

        assertThat(host.take()).containsExactly("neigh del proxy 10.0.1.10 dev eth1",
                "route del 10.0.1.10/32 dev mip0 proto 77");
        assertThat(plane.tunnels()).isEmpty();
        assertThat(plane.counters(second.key())).isEmpty();
    }

    @Test
    void reconcileRemovesWhatNoBindingExplainsAndAnnouncesOnlyWhatWasNotProxied() {
        host.listings.put("route show proto 77", List.of("10.0.1.10 dev mip0 scope link ",
                "10.0.1.99 dev mip0 scope link ", "10.0.1.11 dev mii0a000202abcd scope link "));
        host.listings.put("neigh show proxy dev eth1", List.of("10.0.1.10 proxy", "10.0.1.98 proxy"));

        plane.reconcile(List.of(spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP),
                spec("10.0.1.11", "192.0.2.2", Encapsulation.UDP)));

        assertThat(host.take()).containsExactlyInAnyOrder(
                "route del 10.0.1.99 dev mip0 proto 77",
                "route del 10.0.1.11 dev mii0a000202abcd proto 77",
                "neigh del proxy 10.0.1.98 dev eth1",
                "route replace 10.0.1.10/32 dev mip0 proto 77", "neigh replace proxy 10.0.1.10 dev eth1",
                "route replace 10.0.1.11/32 dev mip0 proto 77", "neigh replace proxy 10.0.1.11 dev eth1");
        assertThat(announced).containsExactly("10.0.1.11");
    }

    @Test
    void aTakeOverAnnouncesEveryHomeAddressEvenThoseProxiedAlready() {
        host.listings.put("neigh show proxy dev eth1", List.of("10.0.1.10 proxy", "10.0.1.98 proxy"));

        plane.takeOver(List.of(spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP),
                spec("10.0.1.11", "192.0.2.2", Encapsulation.UDP)));

        assertThat(host.take()).containsExactlyInAnyOrder("neigh del proxy 10.0.1.98 dev eth1",
                "route replace 10.0.1.10/32 dev mip0 proto 77", "neigh replace proxy 10.0.1.10 dev eth1",
                "route replace 10.0.1.11/32 dev mip0 proto 77", "neigh replace proxy 10.0.1.11 dev eth1");
        assertThat(announced).containsExactly("10.0.1.10", "10.0.1.11");
    }

    @Test
    void reverseTunnelsAreAdmittedOnlyFromTheCareOfAddressOfTheInnerSource() {
        plane.install(spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP));
        ReverseAdmission admission = new ReverseAdmission(table, drops);
        ByteBuffer reply = Packets.echo(Packets.HOME, Packets.CORRESPONDENT, 8, false);
        Decapsulated d = new Decapsulated();
        d.innerLength = reply.limit();

        d.outerSource = Packets.CARE_OF;
        assertThat(admission.admit(reply, d, 0)).isNotNull();
        d.outerSource = Packets.CARE_OF + 1;
        assertThat(admission.admit(reply, d, 0)).isNull();

        assertThat(drops.get(Drops.Reason.NOT_FROM_CARE_OF)).isEqualTo(1);
        assertThat(plane.counters(spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP).key()).orElseThrow()
                .packetsReverse()).isEqualTo(1);
    }

    @Test
    void reverseTunnelsOfABindingWithoutTAreRefused() {
        TunnelSpec withoutT = new TunnelSpec(spec("10.0.1.10", "192.0.2.2", Encapsulation.GRE).key(),
                net.homeagent.dataplane.Specs.HA, Encapsulation.GRE, false, java.util.Optional.empty());
        plane.install(withoutT);
        Decapsulated d = new Decapsulated();
        d.outerSource = Packets.CARE_OF;

        assertThat(new ReverseAdmission(table, drops).admit(Packets.echo(Packets.HOME, Packets.CORRESPONDENT, 8,
                false), d, 0)).isNull();

        assertThat(drops.get(Drops.Reason.REVERSE_NOT_GRANTED)).isEqualTo(1);
        assertThat(plane.counters(withoutT.key()).orElseThrow().refusedReverse()).isEqualTo(1);
    }

    @Test
    void theReverseTunnelsOfADelegatedHomeAddressAreAdmittedWithoutRoutingOrProxyingIt() {
        TunnelSpec delegated = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, delegated.homeAddress(), List.of(delegated));
        ReverseAdmission admission = new ReverseAdmission(table, drops);
        ByteBuffer fromHome = Packets.echo(Packets.HOME, Packets.CORRESPONDENT, 8, false);
        Decapsulated d = new Decapsulated();
        d.innerLength = fromHome.limit();

        assertThat(host.take()).as("no route, no proxy entry").isEmpty();
        assertThat(announced).isEmpty();
        assertThat(plane.tunnels()).as("not forwarded here").isEmpty();
        assertThat(table.find(Packets.HOME)).as("never tunnelled by the forward direction").isEmpty();

        d.outerSource = Packets.CARE_OF;
        assertThat(admission.admit(fromHome, d, 0)).isNotNull();
        // RFC 3024 §4.2.1 still: only from the binding's care-of address
        d.outerSource = Packets.CARE_OF + 1;
        assertThat(admission.admit(fromHome, d, 0)).isNull();
        assertThat(drops.get(Drops.Reason.NOT_FROM_CARE_OF)).isEqualTo(1);
        assertThat(plane.status().facts()).contains("reverse tunnels of home addresses other nodes forward: 1 bindings"
                + " admitted, 1 datagrams unwrapped");

        // the binding moved while delegated: the new care-of address only
        TunnelSpec moved = spec("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP);
        plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, delegated.homeAddress(), List.of(moved));
        d.outerSource = Packets.CARE_OF;
        assertThat(admission.admit(fromHome, d, 0)).isNull();
        d.outerSource = Packets.CARE_OF + 1;
        assertThat(admission.admit(fromHome, d, 0)).isNotNull();

        // taken back or gone: nothing admitted from it any more
        plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, List.of());
        assertThat(admission.admit(fromHome, d, 0)).isNull();
        assertThat(drops.get(Drops.Reason.NOT_FROM_CARE_OF)).isEqualTo(3);
        assertThat(plane.status().facts()).contains("reverse tunnels of home addresses other nodes forward: 0 bindings"
                + " admitted, 2 datagrams unwrapped");
        assertThat(host.take()).isEmpty();
    }

    @Test
    void eachOwnerReplacesOnlyItsOwnReverseOnlyTunnelsAndTheReverseDirectionAdmitsTheirUnion() {
        // the binding driver's delegated home address, and a control node's mobile at another care-of address
        TunnelSpec delegated = spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);
        TunnelSpec controlNodes = spec("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP);
        plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, List.of(delegated));
        plane.admitReverseOnly(ReverseOnlyOwner.ADMITTED, controlNodes.homeAddress(), List.of(controlNodes));
        ReverseAdmission admission = new ReverseAdmission(table, drops);
        ByteBuffer fromHome = Packets.echo(Packets.HOME, Packets.CORRESPONDENT, 8, false);
        Decapsulated d = new Decapsulated();

        d.outerSource = Packets.CARE_OF;
        assertThat(admission.admit(fromHome, d, 0)).isNotNull();
        d.outerSource = Packets.CARE_OF + 1;
        assertThat(admission.admit(fromHome, d, 0)).isNotNull();

        // the driver's reconcile (whole set, none delegated now) leaves the role's entry alone
        plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, List.of());
        assertThat(admission.admit(fromHome, d, 0)).as("the role's entry stays").isNotNull();
        d.outerSource = Packets.CARE_OF;
        assertThat(admission.admit(fromHome, d, 0)).as("the driver's is gone").isNull();

        // and the role's whole set (a standby: none) leaves the driver's alone
        plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, List.of(delegated));
        plane.admitReverseOnly(ReverseOnlyOwner.ADMITTED, List.of());
        assertThat(admission.admit(fromHome, d, 0)).as("the driver's entry stays").isNotNull();
        d.outerSource = Packets.CARE_OF + 1;
        assertThat(admission.admit(fromHome, d, 0)).as("the role's is gone").isNull();

        assertThat(drops.get(Drops.Reason.NOT_FROM_CARE_OF)).isEqualTo(2);
        assertThat(plane.status().facts()).contains(
                "reverse tunnels of home addresses other nodes forward: 1 bindings admitted, 2 datagrams unwrapped",
                "reverse tunnels admitted for a role (the control node's home agents' mobiles): 0 bindings admitted,"
                        + " 2 datagrams unwrapped");
        assertThat(host.take()).as("nothing asked of the host for either").isEmpty();
        assertThat(plane.tunnels()).isEmpty();
    }

    @Test
    void aDelegatedBindingWithoutTHasItsReverseTunnelsRefusedAndItsCountersCarryOver() {
        TunnelSpec withoutT = new TunnelSpec(spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP).key(),
                net.homeagent.dataplane.Specs.HA, Encapsulation.IP_IN_IP, false, java.util.Optional.empty());
        plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, List.of(withoutT));
        Decapsulated d = new Decapsulated();
        d.outerSource = Packets.CARE_OF;
        ReverseAdmission admission = new ReverseAdmission(table, drops);

        assertThat(admission.admit(Packets.echo(Packets.HOME, Packets.CORRESPONDENT, 8, false), d, 0)).isNull();
        assertThat(drops.get(Drops.Reason.REVERSE_NOT_GRANTED)).isEqualTo(1);
        // told the same binding again (a renewal): the same entry, its counters go on
        plane.admitReverseOnly(ReverseOnlyOwner.DELEGATED, withoutT.homeAddress(), List.of(withoutT));
        assertThat(table.findReverseOnly(ReverseOnlyOwner.DELEGATED, Packets.HOME)[0].refusedReverse.sum()).isEqualTo(1);
    }

    @Test
    void udpTunnelsAreAdmittedFromTheNatsAddressAndPortOnly() {
        plane.install(spec("10.0.1.10", "192.0.2.2", Encapsulation.UDP));
        Decapsulated d = new Decapsulated();
        d.outerSource = Packets.NAT;
        ByteBuffer reply = Packets.echo(Packets.HOME, Packets.CORRESPONDENT, 8, false);
        ReverseAdmission admission = new ReverseAdmission(table, drops);

        assertThat(admission.admit(reply, d, 40001)).isNotNull();
        assertThat(admission.admit(reply, d, 40002)).isNull();
    }

    @Test
    void withProxyArpByRouteOnlyTheRouteIsProgrammedAndStaleProxyEntriesStillGo() {
        UserSpaceDataPlane byRoute = new UserSpaceDataPlane(new TunnelTable(434), new Drops(),
                new HomeRoutes(host, "eth1", 77, false), home -> announced.add(Ipv4.text(home)), "mip0",
                (m, s, r) -> { }, () -> { }, List::of);
        host.listings.put("route show proto 77", List.of("10.0.1.10 dev mip0 scope link "));
        host.listings.put("neigh show proxy dev eth1", List.of("10.0.1.10 proxy"));

        byRoute.reconcile(List.of(spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP),
                spec("10.0.1.11", "192.0.2.2", Encapsulation.IP_IN_IP)));
        TunnelSpec third = spec("10.0.1.12", "192.0.2.2", Encapsulation.IP_IN_IP);
        byRoute.install(third);
        byRoute.remove(third.key());

        assertThat(host.take()).containsExactly("neigh del proxy 10.0.1.10 dev eth1",
                "route replace 10.0.1.10/32 dev mip0 proto 77", "route replace 10.0.1.11/32 dev mip0 proto 77",
                "route replace 10.0.1.12/32 dev mip0 proto 77", "route del 10.0.1.12/32 dev mip0 proto 77");
        // 10.0.1.10 was routed to us already: only the others are announced
        assertThat(announced).containsExactly("10.0.1.11", "10.0.1.12");
    }
}
