package net.homeagent.snmp;

import static net.homeagent.snmp.mib.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import net.homeagent.mip.api.RegistrationStatistics;
import net.homeagent.mip.api.RegistrationStatistics.RegistrationCounters;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.snmp.mib.MipMib;

/** The agent on a real UDP socket on 127.0.0.1, asked by an SNMP4J manager over SNMPv3 authPriv. */
class ApplianceAgentTest {

    private static final OID HA_REGISTRATION_ACCEPTED = new OID("1.3.6.1.2.1.44.1.6.3.3.0");
    private static final OID BINDING_COA = new OID("1.3.6.1.2.1.44.1.6.3.1.1.2");

    @TempDir
    Path dir;

    private final FakeBindingStore store = new FakeBindingStore();
    private final RequestCounters counters = new RequestCounters();
    private ApplianceAgent agent;
    private Snmp manager;
    private USM managerUsm;
    private int port;

    @BeforeEach
    void start() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SortedCounters codes = new SortedCounters(Map.of(0, 42L, 131, 3L));
        RegistrationStatistics statistics = () -> new RegistrationCounters(45, 0, codes.map(), new TreeMap<>(), 0, 0);
        SnmpSettings settings = new SnmpSettings(InetAddress.getLoopbackAddress(), port, Optional.empty(),
                dir.resolve("snmp-access.conf"), SecurityLevel.AUTH_PRIV, List.of(), false, 5, Duration.ofMinutes(1),
                Duration.ofSeconds(2), dir.resolve("boots"));
        SnmpAccess access = SnmpAccessParser.parse(List.of("user nms SHA-256 authpass123 AES-128 privpass123 read-only"));
        agent = new ApplianceAgent(settings, access, List.of(new MipMib(store, statistics, null,
                MutableClock.at("2026-12-01T10:01:40Z"), Duration.ofSeconds(2))), counters);
        agent.start();

        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity);
        byte[] engineId = MPv3.createLocalEngineID();
        managerUsm = new USM(protocols, new OctetString(engineId), 0);
        SecurityModels models = new SecurityModels();
        models.addSecurityModel(managerUsm);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols, models, new CounterSupport()));
        manager = new Snmp(dispatcher, new DefaultUdpTransportMapping());
        manager.listen();
    }

    @AfterEach
    void stop() throws IOException {
        manager.close();
        agent.stop();
    }

    @Test
    void answersMipMibOverSnmpV3AuthPriv() throws IOException {
        store.register(binding("10.0.0.9", "192.0.2.1", 0), false);
        user("nms", "authpass123");

        PDU get = request(PDU.GET, HA_REGISTRATION_ACCEPTED);
        ResponseEvent<UdpAddress> answer = manager.send(get, target("nms"));
        assertThat(answer.getResponse()).isNotNull();
        assertThat(answer.getResponse().get(0).getVariable()).isEqualTo(new Counter32(42));

        ResponseEvent<UdpAddress> next = manager.send(request(PDU.GETNEXT, BINDING_COA), target("nms"));
        VariableBinding coa = next.getResponse().get(0);
        assertThat(coa.getOid()).isEqualTo(new OID(BINDING_COA).append("10.0.0.9.192.0.2.1"));
        assertThat(coa.toValueString()).isEqualTo("192.0.2.1");
    }

    @Test
    void anUnknownUserIsRefusedAndCounted() throws IOException {
        user("intruder", "authpass123");
        ResponseEvent<UdpAddress> answer = manager.send(request(PDU.GET, HA_REGISTRATION_ACCEPTED), target("intruder"));
        // USM answers an unknown user with a usmStatsUnknownUserNames report (RFC 3414 §3.2 step 4)
        PDU response = answer.getResponse();
        assertThat(response == null || response.getType() == PDU.REPORT).isTrue();
        assertThat(counters.snapshot(0).unknownUserNames()).as("one per attempt, retries included").isPositive();
        assertThat(counters.snapshot(0).authenticationFailures()).isEqualTo(counters.snapshot(0).unknownUserNames());
    }

    private void user(String name, String auth) {
        managerUsm.addUser(new UsmUser(new OctetString(name), AuthHMAC192SHA256.ID, new OctetString(auth),
                PrivAES128.ID, new OctetString("privpass123")));
    }

    private UserTarget<UdpAddress> target(String user) {
        UserTarget<UdpAddress> target = new UserTarget<>();
        target.setAddress(new UdpAddress(InetAddress.getLoopbackAddress(), port));
        target.setSecurityName(new OctetString(user));
        target.setSecurityLevel(SecurityLevel.AUTH_PRIV);
        target.setVersion(SnmpConstants.version3);
        target.setTimeout(2000);
        target.setRetries(1);
        return target;
    }

    private static PDU request(int type, OID oid) {
        ScopedPDU pdu = new ScopedPDU();
        pdu.setType(type);
        pdu.add(new VariableBinding(oid));
        return pdu;
    }

    private record SortedCounters(Map<Integer, Long> counts) {
        java.util.SortedMap<Integer, Long> map() {
            return new TreeMap<>(counts);
        }
    }
}
