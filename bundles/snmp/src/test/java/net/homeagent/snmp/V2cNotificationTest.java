package net.homeagent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.Snmp;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import net.homeagent.snmp.NotificationMapper.Notification;

/**
 * An SNMPv2c notification target (RFC 3584 §5.3): the trap carries the community string the access
 * file gives the target's community index, never the index itself.
 */
class V2cNotificationTest {

    private static final OID TRAP = new OID("1.3.6.1.4.1.32473.1.1.0.3");

    @TempDir
    Path dir;

    private ApplianceAgent agent;
    private Snmp receiver;

    @AfterEach
    void stop() throws IOException {
        if (agent != null) {
            agent.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aV2cTrapCarriesTheCommunityStringOfItsIndex() throws Exception {
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(
                new UdpAddress(InetAddress.getLoopbackAddress(), 0));
        receiver = new Snmp(dispatcher, transport);
        BlockingQueue<String> received = new ArrayBlockingQueue<>(8); // "community trap-OID" per notification
        receiver.addCommandResponder(new CommandResponder() {
            @Override
            public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
                received.add(new String(event.getSecurityName()) + " "
                        + event.getPDU().getVariable(SnmpConstants.snmpTrapOID));
            }
        });
        receiver.listen();
        int trapPort = transport.getListenAddress().getPort();

        int agentPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            agentPort = probe.getLocalPort();
        }
        SnmpSettings settings = new SnmpSettings(InetAddress.getLoopbackAddress(), agentPort, Optional.empty(),
                dir.resolve("snmp-access.conf"), SecurityLevel.AUTH_PRIV,
                List.of(new SnmpSettings.Target(new UdpAddress(InetAddress.getLoopbackAddress(), trapPort),
                        SnmpSettings.Version.V2C, "lab")),
                false, 5, Duration.ofMinutes(1), Duration.ofSeconds(2), dir.resolve("boots"));
        agent = new ApplianceAgent(settings, SnmpAccessParser.parse(List.of("community lab publicpass read-only")),
                List.of(), new RequestCounters());
        agent.start();

        agent.send(new Notification(TRAP, new VariableBinding[0]));

        // the agent's coldStart may come first; every notification carries the community string
        String ours = "publicpass " + TRAP;
        String got;
        do {
            got = received.poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull().startsWith("publicpass ");
        } while (!got.equals(ours));
    }
}
