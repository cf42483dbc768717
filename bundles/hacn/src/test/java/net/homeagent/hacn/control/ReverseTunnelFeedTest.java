package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.Counters;
import net.homeagent.mip.api.ReverseTunnelAdmission;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.codec.RegistrationFlags;

/**
 * The control node has its box's data plane admit the reverse tunnels of the mobiles behind it
 * (docs/hacn.md, "Tunnels"; RFC 3024 §4.2.1): every MBR record with the T flag, followed through
 * every change, a takeover, and the pair's switch; a standby admits none.
 */
class ReverseTunnelFeedTest {

    static final Inet4Address PUBLIC = ip("192.0.2.1");

    /** The data plane's service as it would hold the entries: per home address, replaced whole by admitOnly. */
    static final class AdmittedTunnels implements ReverseTunnelAdmission {
        final Map<Inet4Address, List<TunnelSpec>> byHome = new HashMap<>();
        int wholeSets;

        @Override
        public synchronized void admit(Inet4Address home, Collection<TunnelSpec> bindings) {
            assertThat(bindings).allSatisfy(b -> assertThat(b.homeAddress()).isEqualTo(home));
            if (bindings.isEmpty()) {
                byHome.remove(home);
            } else {
                byHome.put(home, List.copyOf(bindings));
            }
        }

        @Override
        public synchronized void admitOnly(Collection<TunnelSpec> bindings) {
            wholeSets++;
            byHome.clear();
            bindings.forEach(b -> byHome.computeIfAbsent(b.homeAddress(), h -> new ArrayList<>()).add(b));
        }

        synchronized List<String> careOf(String home) {
            return byHome.getOrDefault(ip(home), List.of()).stream()
                    .map(b -> b.careOfAddress().getHostAddress() + " from " + b.source().getHostAddress()).toList();
        }

        synchronized int size() {
            return byHome.values().stream().mapToInt(List::size).sum();
        }
    }

    final Deployment d = new Deployment();
    final Counters counters = new Counters();

    /** A feed on {@code node} whose calls run at once (the worker of the real one is a thread). */
    private AdmittedTunnels feed(ControlCore node) {
        AdmittedTunnels admitted = new AdmittedTunnels();
        ReverseTunnelFeed feed = new ReverseTunnelFeed(Runnable::run, counters);
        feed.admission(admitted);
        node.feedReverseTunnels(feed);
        return admitted;
    }

    private void twoHasAndARedundantOne() {
        d.ha(1, false);
        d.ha(2, false);
        d.ha(3, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
    }

    @Test
    void aBindingWithTIsAdmittedFollowsItsCareOfAddressAndGoesWithItsDeregistrationAndExpiry() {
        twoHasAndARedundantOne();
        AdmittedTunnels admitted = feed(d.core);

        d.register(RegistrationFlags.T, "10.1.0.1", "203.0.113.1", 1, 600);
        d.register(0, "10.1.0.2", "203.0.113.2", 2, 600); // without T: its reverse tunnels are not admitted
        d.register(RegistrationFlags.T, "10.1.0.3", "203.0.113.3", 3, 30);
        d.run(Duration.ofMillis(200));
        // the outer destination the mobile tunnels to is the public address, the records' home agent
        assertThat(admitted.careOf("10.1.0.1")).containsExactly("203.0.113.1 from 192.0.2.1");
        assertThat(admitted.careOf("10.1.0.2")).isEmpty();
        assertThat(admitted.careOf("10.1.0.3")).containsExactly("203.0.113.3 from 192.0.2.1");

        d.register(RegistrationFlags.T, "10.1.0.1", "203.0.113.91", 4, 600); // moved
        d.register(RegistrationFlags.T, "10.1.0.2", "203.0.113.2", 5, 600); // renewed, asking for T now
        d.run(Duration.ofMillis(200));
        assertThat(admitted.careOf("10.1.0.1")).containsExactly("203.0.113.91 from 192.0.2.1");
        assertThat(admitted.careOf("10.1.0.2")).containsExactly("203.0.113.2 from 192.0.2.1");

        d.register(RegistrationFlags.T, "10.1.0.2", "203.0.113.2", 6, 0); // deregistered
        d.run(Duration.ofMillis(200));
        assertThat(admitted.careOf("10.1.0.2")).isEmpty();

        d.clock.advance(Duration.ofSeconds(31)); // 10.1.0.3's lifetime runs out at its HA
        d.has.values().forEach(ha -> ha.store.expireAt(d.clock.instant()));
        d.run(Duration.ofMillis(200));
        assertThat(admitted.careOf("10.1.0.3")).isEmpty();
        assertThat(admitted.size()).isEqualTo(1);
        assertThat(counters.get("reverse-tunnel-updates")).isPositive();
    }

    @Test
    void theFailedHasMobilesStayAdmittedThroughTheTakeoverAndTheirRenewalsAtTheRedundantHa() {
        twoHasAndARedundantOne();
        AdmittedTunnels admitted = feed(d.core);
        for (int i = 1; i <= 20; i++) {
            d.register(RegistrationFlags.T, "10.1.0." + i, "203.0.113." + i, i, 600);
        }
        d.run(Duration.ofSeconds(1));
        assertThat(admitted.size()).isEqualTo(20);
        int one = d.view(1).bindings();
        assertThat(one).isPositive();

        d.kill(1);
        d.run(Duration.ofSeconds(4));
        assertThat(d.view(3).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(admitted.size()).as("the records moved to ha3's MBR: still admitted, each once").isEqualTo(20);

        String moved = d.core.bindings(1).get(0).homeAddress().getHostAddress();
        d.register(RegistrationFlags.T, moved, "203.0.113.77", 100, 600); // a care-of move, served by ha3
        d.run(Duration.ofSeconds(1));
        assertThat(admitted.careOf(moved)).containsExactly("203.0.113.77 from 192.0.2.1");
    }

    @Test
    void aStandbyControlNodeAdmitsNothingAndAdmitsEveryBindingOnceItIsActive() {
        d.paired = true;
        twoHasAndARedundantOne();
        AdmittedTunnels active = feed(d.core);
        d.startStandby();
        AdmittedTunnels standby = feed(d.standby);
        for (int i = 1; i <= 20; i++) {
            d.register(RegistrationFlags.T, "10.1.0." + i, "203.0.113." + i, i, 600);
        }
        d.run(Duration.ofSeconds(1));
        assertThat(active.size()).isEqualTo(20);
        assertThat(standby.size()).as("it does not own the public address").isZero();

        ControlCore former = d.core;
        d.failOver();
        assertThat(standby.size()).as("active now: every record it learned").isEqualTo(20);
        d.run(Duration.ofSeconds(1)); // the HAs' whole tables, asked by the resume, replace the records
        assertThat(standby.size()).isEqualTo(20);
        assertThat(standby.careOf("10.1.0.7")).containsExactly("203.0.113.7 from 192.0.2.1");

        former.keepalived(false); // keepalived made the old one BACKUP (RFC 5798 §6.4.3)
        assertThat(active.size()).as("a standby again: none").isZero();
    }

    @Test
    void withoutADataPlaneNothingIsAdmittedAndOneThatComesGetsTheWholeSet() {
        twoHasAndARedundantOne();
        ReverseTunnelFeed feed = new ReverseTunnelFeed(Runnable::run, counters);
        d.core.feedReverseTunnels(feed);
        d.register(RegistrationFlags.T, "10.1.0.1", "203.0.113.1", 1, 600);
        d.register(RegistrationFlags.T, "10.1.0.2", "203.0.113.2", 2, 600);
        d.run(Duration.ofMillis(200));

        AdmittedTunnels admitted = new AdmittedTunnels();
        feed.admission(admitted);

        assertThat(admitted.wholeSets).isEqualTo(1);
        assertThat(admitted.size()).isEqualTo(2);
        feed.admissionGone(admitted);
        d.register(RegistrationFlags.T, "10.1.0.3", "203.0.113.3", 3, 600);
        d.run(Duration.ofMillis(200));
        assertThat(admitted.careOf("10.1.0.3")).as("gone: told nothing").isEmpty();
    }

    @Test
    void aDataPlaneThatFailsIsGivenTheWholeSetAtTheNextChange() {
        twoHasAndARedundantOne();
        AdmittedTunnels admitted = new AdmittedTunnels();
        boolean[] failing = {true};
        ReverseTunnelFeed feed = new ReverseTunnelFeed(Runnable::run, counters);
        feed.admission(new ReverseTunnelAdmission() {
            @Override
            public void admit(Inet4Address home, Collection<TunnelSpec> bindings) {
                if (failing[0]) {
                    throw new IllegalStateException("refused");
                }
                admitted.admit(home, bindings);
            }

            @Override
            public void admitOnly(Collection<TunnelSpec> bindings) {
                admitted.admitOnly(bindings);
            }
        });
        d.core.feedReverseTunnels(feed);
        d.register(RegistrationFlags.T, "10.1.0.1", "203.0.113.1", 1, 600);
        d.run(Duration.ofMillis(200));
        assertThat(counters.get("reverse-tunnel-failures")).isEqualTo(1);

        failing[0] = false;
        d.register(RegistrationFlags.T, "10.1.0.2", "203.0.113.2", 2, 600);
        d.run(Duration.ofMillis(200));
        assertThat(admitted.size()).as("the one that failed too").isEqualTo(2);
    }

    @Test
    void tunnelDataAtThePublicAddressGoesToTheDataPlaneAndIsCountedWithoutOne() {
        twoHasAndARedundantOne();
        java.net.InetSocketAddress nat = new java.net.InetSocketAddress(ip("198.51.100.7"), 40000);
        byte[] tunnelData = {4, 4, 0, 0, 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 1, 0, 1, (byte) 192, 0, 2, (byte) 200};
        List<String> handed = new ArrayList<>();

        d.core.request(tunnelData, nat, Deployment.PUBLIC); // RFC 3519 §3.3, no data plane here
        d.core.tunnelDataTo((message, sender, recipient) -> handed.add(message.nextHeader() + " from " + sender
                + " to " + recipient + ", " + message.payloadLength() + " octets"));
        d.core.request(tunnelData, nat, Deployment.PUBLIC);
        d.core.request(new byte[] {4, 4, 0, 0}, nat, Deployment.PUBLIC); // carries no datagram

        assertThat(handed).containsExactly("4 from " + nat + " to " + Deployment.PUBLIC + ", 20 octets");
        assertThat(d.core.counters().get("tunnel-data-received")).isEqualTo(3);
        assertThat(d.core.counters().get("tunnel-data-without-data-plane")).isEqualTo(1);
        assertThat(d.core.counters().get("tunnel-data-malformed")).isEqualTo(1);
        assertThat(d.core.counters().get("requests-received")).as("none taken for a request").isZero();
        assertThat(d.has.values()).allSatisfy(ha -> assertThat(ha.decided).isEmpty());
    }
}
