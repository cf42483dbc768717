package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.testing.MutableClock;

/** A real v2c trap over UDP on 127.0.0.1, sent with SNMP4J as a monitoring entity would. */
class TrapReceiverTest {

    private static final OID LINK_DOWN = new OID("1.3.6.1.6.3.1.1.5.3");

    @Test
    void aTrapWithTheCommunityBecomesANetworkAlertOthersAreRefused() throws Exception {
        BlockingQueue<ApplianceEvent> alerts = new LinkedBlockingQueue<>();
        TrapReceiver receiver = new TrapReceiver("monitor-community", alerts::add,
                MutableClock.at("2026-12-01T10:00:00Z"));
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        receiver.start(InetAddress.getLoopbackAddress(), port);
        try (Snmp sender = new Snmp(new DefaultUdpTransportMapping())) {
            send(sender, port, "wrong-community");
            send(sender, port, "monitor-community");
            ApplianceEvent alert = alerts.poll(10, TimeUnit.SECONDS);
            assertThat(alert).isNotNull();
            assertThat(alert.kind()).isEqualTo(ApplianceEvent.Kind.NETWORK_ALERT);
            assertThat(alert.details()).containsEntry("trap", LINK_DOWN.toString()).containsEntry("version", "v2c")
                    .containsEntry("1.3.6.1.2.1.2.2.1.1.7", "7");
            assertThat(receiver.refused()).isEqualTo(1);
            assertThat(receiver.received()).isEqualTo(1);
        } finally {
            receiver.stop();
        }
    }

    private static void send(Snmp sender, int port, String community) throws Exception {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(new UdpAddress(InetAddress.getLoopbackAddress(), port),
                new OctetString(community));
        target.setVersion(SnmpConstants.version2c);
        PDU trap = new PDU();
        trap.setType(PDU.TRAP);
        trap.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(100)));
        trap.add(new VariableBinding(SnmpConstants.snmpTrapOID, LINK_DOWN));
        trap.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.1.7"), new org.snmp4j.smi.Integer32(7)));
        sender.send(trap, target);
    }
}
