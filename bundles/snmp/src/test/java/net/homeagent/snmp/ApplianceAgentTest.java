package net.homeagent.snmp;

import static net.homeagent.snmp.mib.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import net.homeagent.mip.api.RegistrationStatistics;
import net.homeagent.mip.api.RegistrationStatistics.RegistrationCounters;
import net.homeagent.mip.api.management.ControlNodeView;
import net.homeagent.mip.api.management.DelegationView;
import net.homeagent.mip.api.management.MimmAdvisorView;
import net.homeagent.mip.api.management.MimmAdvisorView.AlertRow;
import net.homeagent.mip.api.management.MimmAdvisorView.NetworkRow;
import net.homeagent.mip.api.management.Mip6NodeView;
import net.homeagent.mip.api.management.RedundancyGroupView;
import net.homeagent.mip.api.management.RedundancyGroupView.Counters;
import net.homeagent.mip.api.management.RedundancyGroupView.Group;
import net.homeagent.mip.api.management.RedundancyGroupView.LastLearn;
import net.homeagent.mip.api.management.RedundancyGroupView.Member;
import net.homeagent.mip.api.management.RedundancyGroupView.State;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.snmp.mib.DelegationMib;
import net.homeagent.snmp.mib.HacnMib;
import net.homeagent.snmp.mib.GroupMib;
import net.homeagent.snmp.mib.MimmMib;
import net.homeagent.snmp.mib.Mip6Mib;
import net.homeagent.snmp.mib.MipMib;

/** The agent on a real UDP socket on 127.0.0.1, asked by an SNMP4J manager over SNMPv3 authPriv. */
class ApplianceAgentTest {

    private static final OID HA_REGISTRATION_ACCEPTED = new OID("1.3.6.1.2.1.44.1.6.3.3.0");
    private static final OID BINDING_COA = new OID("1.3.6.1.2.1.44.1.6.3.1.1.2");
    /** HOMEAGENT-MIB hamGroup and its objects, as mibs/HOMEAGENT-MIB.mib numbers them. */
    private static final OID HAM_GROUP = new OID("1.3.6.1.4.1.32473.1.1.1.5");
    private static final OID HAM_GROUP_LAST_LEARN_FROM = new OID(HAM_GROUP).append(14);
    private static final OID HAM_GROUP_MEMBER_ENTRY = new OID(HAM_GROUP).append(17).append(1);

    @TempDir
    Path dir;

    private final FakeBindingStore store = new FakeBindingStore();
    private final RequestCounters counters = new RequestCounters();
    /** The group member's view as the component's dynamic reference holds it: null while there is none. */
    private volatile RedundancyGroupView view;
    /** HOMEAGENT-MIMM-MIB's mimmObjects, as mibs/HOMEAGENT-MIMM-MIB.mib numbers them. */
    private static final OID MIMM_OBJECTS = new OID("1.3.6.1.4.1.32473.1.5.1");
    private static final OID MIMM_NETWORK_ENTRY = new OID(MIMM_OBJECTS).append(3).append(1);
    private static final OID MIMM_ALERT_ENTRY = new OID(MIMM_OBJECTS).append(4).append(1);
    /** The MIMM advisor's view, null while the feature is not installed. */
    private volatile MimmAdvisorView mimm;
    /** The PHA's view, the same way. */
    private volatile DelegationView delegation;
    /** The MIPv6 node's view, the same way. */
    private volatile Mip6NodeView mip6;
    private final MutableClock mip6Clock = MutableClock.at("2026-12-07T06:00:00Z");
    /** The HA control node's view, the same way. */
    private volatile ControlNodeView controlNode;
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
                MutableClock.at("2026-12-01T10:01:40Z"), Duration.ofSeconds(2)), new GroupMib(() -> view),
                new MimmMib(() -> mimm), new DelegationMib(() -> delegation),
                new Mip6Mib(() -> mip6, mip6Clock), new HacnMib(() -> controlNode)), counters);
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
    void servesTheGroupMemberFromTheViewAndNothingWithoutIt() throws IOException {
        user("nms", "authpass123");
        view = () -> new Group(2, State.ACTIVE, "VI_HA", "192.0.2.1", true, 42, 1, 3,
                Optional.of(new LastLearn(Instant.parse("2026-12-06T03:00:00Z"), OptionalInt.of(3), 5, 20,
                        Duration.ofMillis(250))),
                new Counters(42, 7, 1, 2, 0),
                List.of(new Member(2, "192.0.2.12:7434", State.ACTIVE, Duration.ZERO, 0, 0, 0, false),
                        new Member(3, "192.0.2.13:7434", State.STANDBY, Duration.ofMillis(1230), 42, 1, 0, true)));

        PDU scalars = request(PDU.GET, new OID(GroupMib.NODE_ID).append(0));
        scalars.add(new VariableBinding(new OID(GroupMib.STATE).append(0)));
        scalars.add(new VariableBinding(new OID(HAM_GROUP_LAST_LEARN_FROM).append(0)));
        PDU answer = manager.send(scalars, target("nms")).getResponse();
        assertThat(answer.getVariableBindings()).extracting(VariableBinding::getVariable)
                .containsExactly(new UnsignedInteger32(2), new Integer32(4), new UnsignedInteger32(3));

        List<VariableBinding> table = walk(HAM_GROUP_MEMBER_ENTRY);
        assertThat(table).hasSize(2 * 7);
        assertThat(table.get(0).getOid()).isEqualTo(new OID(HAM_GROUP_MEMBER_ENTRY).append(2).append(2));
        assertThat(table.get(0).toValueString()).isEqualTo("192.0.2.12:7434");
        assertThat(table).filteredOn(vb -> vb.getOid().equals(new OID(HAM_GROUP_MEMBER_ENTRY).append(3).append(3)))
                .extracting(VariableBinding::getVariable).containsExactly(new Integer32(3)); // standby
        assertThat(table).filteredOn(vb -> vb.getOid().equals(new OID(HAM_GROUP_MEMBER_ENTRY).append(4).append(3)))
                .extracting(VariableBinding::getVariable).containsExactly(new TimeTicks(123));

        view = null; // the group feature went away
        PDU gone = manager.send(request(PDU.GET, new OID(GroupMib.NODE_ID).append(0)), target("nms")).getResponse();
        assertThat(gone.get(0).getVariable()).isEqualTo(Null.noSuchObject);
        assertThat(walk(HAM_GROUP)).isEmpty();
    }

    @Test
    void servesTheMimmAdvisorFromTheViewAndNothingWithoutIt() throws IOException {
        user("nms", "authpass123");
        mimm = new MimmAdvisorView() {
            @Override
            public List<NetworkRow> networks() {
                return List.of(new NetworkRow(1, "wlan-a", "wlan", 10, 2000, 3, 4, 1600, true),
                        new NetworkRow(3, "cell-b", "cellular", 100, 10000, 5, 0, 0, false));
            }

            @Override
            public MimmAdvisorView.Counters counters() {
                return new MimmAdvisorView.Counters(9, 5, 3, 1, 7, 6, 1, 2);
            }

            @Override
            public List<AlertRow> alerts() {
                return List.of(new AlertRow(4, "ap-7", List.of(1, 3), 2, 120, 2, Instant.parse("2026-12-07T03:00:00Z"),
                        Optional.of(Instant.parse("2026-12-07T03:02:00Z"))));
            }
        };

        PDU scalars = request(PDU.GET, new OID(MIMM_OBJECTS).append("2.1.0"));
        scalars.add(new VariableBinding(new OID(MIMM_OBJECTS).append("2.3.0")));
        scalars.add(new VariableBinding(new OID(MIMM_OBJECTS).append("2.7.0")));
        PDU answer = manager.send(scalars, target("nms")).getResponse();
        assertThat(answer.getVariableBindings()).extracting(VariableBinding::getVariable)
                .containsExactly(new Counter64(9), new Counter64(3), new Counter64(1));

        List<VariableBinding> networks = walk(MIMM_NETWORK_ENTRY);
        assertThat(networks).hasSize(2 * 9);
        assertThat(networks.get(0).getOid()).isEqualTo(new OID(MIMM_NETWORK_ENTRY).append(2).append(1));
        assertThat(networks.get(0).toValueString()).isEqualTo("wlan-a");
        // load: the scarcer of 3/10 mobiles and 1600/2000 kbit/s = 80 %; sessions unknown = false(2)
        assertThat(networks).filteredOn(vb -> vb.getOid().equals(new OID(MIMM_NETWORK_ENTRY).append(9).append(1)))
                .extracting(VariableBinding::getVariable).containsExactly(new Gauge32(80));
        assertThat(networks).filteredOn(vb -> vb.getOid().equals(new OID(MIMM_NETWORK_ENTRY).append(10).append(3)))
                .extracting(VariableBinding::getVariable).containsExactly(new Integer32(2));

        List<VariableBinding> alerts = walk(MIMM_ALERT_ENTRY);
        assertThat(alerts).extracting(VariableBinding::toValueString).containsExactly("ap-7", "1,3", "2", "120", "2",
                "2026-12-07T03:00:00Z", "2026-12-07T03:02:00Z");

        mimm = null; // the feature went away
        PDU gone = manager.send(request(PDU.GET, new OID(MIMM_OBJECTS).append("2.1.0")), target("nms")).getResponse();
        assertThat(gone.get(0).getVariable()).isEqualTo(Null.noSuchObject);
        assertThat(walk(MIMM_OBJECTS)).isEmpty();
    }

    @Test
    void servesThePrimaryHomeAgentsDelegationFromTheViewAndNothingWithoutIt() throws IOException {
        user("nms", "authpass123");
        delegation = () -> new DelegationView.Primary("equal-split", 300, 296, 4, 20, 142, 140, 0, 1,
                List.of(new DelegationView.Sha(2, "192.0.2.11:7434", DelegationView.ShaState.FAILED, 0, 0,
                        OptionalLong.empty()),
                        new DelegationView.Sha(3, "192.0.2.12:7434", DelegationView.ShaState.UP, 280, 2,
                                OptionalLong.of(1234))));
        OID hamDelegation = new OID("1.3.6.1.4.1.32473.1.1.1.6");

        PDU scalars = request(PDU.GET, new OID(hamDelegation).append(1).append(0));
        scalars.add(new VariableBinding(new OID(hamDelegation).append(4).append(0)));
        scalars.add(new VariableBinding(new OID(hamDelegation).append(9).append(0)));
        PDU answer = manager.send(scalars, target("nms")).getResponse();
        assertThat(answer.getVariableBindings()).extracting(VariableBinding::getVariable)
                .containsExactly(new OctetString("equal-split"), new Counter64(4), new Counter64(1));

        OID entry = new OID(hamDelegation).append(10).append(1);
        List<VariableBinding> table = walk(entry);
        assertThat(table).hasSize(2 * 5);
        assertThat(table).filteredOn(vb -> vb.getOid().getSuffix(entry).equals(new OID("3.2")))
                .extracting(VariableBinding::getVariable).containsExactly(new Integer32(3)); // sha 2 failed
        assertThat(table).filteredOn(vb -> vb.getOid().getSuffix(entry).equals(new OID("4.3")))
                .extracting(VariableBinding::getVariable).containsExactly(new Gauge32(280));
        assertThat(table).filteredOn(vb -> vb.getOid().getSuffix(entry).equals(new OID("6.2")))
                .extracting(VariableBinding::getVariable).containsExactly(new Integer32(-1)); // not measured yet
        assertThat(table).filteredOn(vb -> vb.getOid().getSuffix(entry).equals(new OID("6.3")))
                .extracting(VariableBinding::getVariable).containsExactly(new Integer32(1234));

        delegation = null; // no longer a PHA
        assertThat(walk(hamDelegation)).isEmpty();
    }

    @Test
    void servesTheMip6NodeFromTheViewAndNothingWithoutIt() throws IOException {
        user("nms", "authpass123");
        Inet6Address home = (Inet6Address) InetAddress.getByName("2001:db8:100::10");
        Inet6Address careOf = (Inet6Address) InetAddress.getByName("2001:db8:a1::7");
        mip6 = new Mip6NodeView() {
            @Override
            public String status() {
                return "running on mip6ha0";
            }

            @Override
            public List<Mip6NodeView.Counter> counters() {
                return List.of(new Mip6NodeView.Counter(1, "PACKETS_RECEIVED", "packets read", 1200));
            }

            @Override
            public OptionalInt homeLinkProxied() {
                return OptionalInt.empty();
            }

            @Override
            public List<Mip6NodeView.Role> roles() {
                return List.of(new Mip6NodeView.Role(Mip6NodeView.Owner.HOME_AGENT, "home agent", 1,
                        List.of(new Mip6NodeView.Counter(23, "VALIDATED", "validated", 75)), Map.of(0, 80L, 135, 2L),
                        new Mip6NodeView.Recovery(Mip6NodeView.RecoveryState.FINISHED, 100, 75, 25, 0, 0, 125, 25, 10,
                                9.87)));
            }

            @Override
            public List<Mip6NodeView.Binding> bindings() {
                return List.of(new Mip6NodeView.Binding(Mip6NodeView.Owner.HOME_AGENT, home, careOf, 7, 600, 420,
                        true, "validated"));
            }
        };
        OID objects = new OID("1.3.6.1.4.1.32473.1.3.1");

        List<VariableBinding> all = walk(objects);
        assertThat(value(all, objects, "1.1.0")).isEqualTo(new OctetString("running on mip6ha0"));
        assertThat(value(all, objects, "1.2.0")).as("no home link: noSuchObject, passed over").isNull();
        assertThat(value(all, objects, "2.1.3.1.1")).isEqualTo(new OctetString("PACKETS_RECEIVED")); // node(1), 1
        assertThat(value(all, objects, "2.1.5.2.23")).isEqualTo(new Counter64(75));              // homeAgent(2), 23
        String role = "3.1.%d.2";
        assertThat(value(all, objects, role.formatted(4))).isEqualTo(new Integer32(3));          // finished
        assertThat(value(all, objects, role.formatted(5))).isEqualTo(new Gauge32(100));
        assertThat(value(all, objects, role.formatted(6))).isEqualTo(new Gauge32(75));
        assertThat(value(all, objects, role.formatted(7))).isEqualTo(new Gauge32(25));
        assertThat(value(all, objects, role.formatted(13))).isEqualTo(new UnsignedInteger32(987)); // 9.87 /s
        assertThat(value(all, objects, "4.1.3.2.135")).isEqualTo(new Counter64(2));
        String binding = "5.1.%d.2.32.1.13.184.1.0.0.0.0.0.0.0.0.0.0.16";
        assertThat(value(all, objects, binding.formatted(3))).isEqualTo(new OctetString(careOf.getAddress()));
        assertThat(value(all, objects, binding.formatted(4))).isEqualTo(new UnsignedInteger32(7));
        assertThat(value(all, objects, binding.formatted(6))).isEqualTo(new Gauge32(420));
        assertThat(value(all, objects, binding.formatted(7))).isEqualTo(new Integer32(2));       // restored
        assertThat(value(all, objects, binding.formatted(8))).isEqualTo(new OctetString("validated"));

        mip6 = null; // the feature went away: the binding table's rows answer until they are a second old
        assertThat(walk(objects)).isNotEmpty().allMatch(vb -> vb.getOid().startsWith(new OID(objects).append(5)));
        mip6Clock.advance(Mip6Mib.BINDING_TABLE_MAX_AGE);
        assertThat(walk(objects)).isEmpty();
    }

    private static Variable value(List<VariableBinding> walked, OID under, String suffix) {
        OID oid = new OID(under).append(new OID(suffix));
        return walked.stream().filter(vb -> vb.getOid().equals(oid)).map(VariableBinding::getVariable).findFirst()
                .orElse(null);
    }

    @Test
        void servesTheControlNodesCountersPairAndHasFromTheViewAndNothingWithoutIt() throws IOException {
        user("nms", "authpass123");
        ControlNodeView.Counts counts = new ControlNodeView.Counts(1000, 990, 985, 3, 7, 2, 1, 0, 1, 0, 0, 0, 2, 2, 0,
                300, 1, 0, 1, 4, 2);
        ControlNodeView.Pair pair = new ControlNodeView.Pair(ControlNodeView.PairRole.STANDBY, OptionalInt.of(9),
                OptionalInt.of(9), 0, 412, 1, 0, 0);
        controlNode = () -> new ControlNodeView.ControlNode(counts, pair, List.of(
                new ControlNodeView.Agent(1, "192.0.2.21:7434", false, ControlNodeView.AgentState.FAILED, 0, 0, 150,
                        150, 150, OptionalLong.of(4200), OptionalInt.empty(), 600, 0, 1, OptionalInt.of(3), false),
                new ControlNodeView.Agent(3, "192.0.2.23:7434", true, ControlNodeView.AgentState.ACTIVE, 10, 1000, 150,
                        150, 149, OptionalLong.empty(), OptionalInt.of(15), 12, 2, 0, OptionalInt.empty(), false)));
        OID hacn = new OID("1.3.6.1.4.1.32473.1.2.1");

        PDU scalars = request(PDU.GET, new OID(hacn).append("1.1.0")); // hacnRequestsReceived
        scalars.add(new VariableBinding(new OID(hacn).append("1.16.0"))); // hacnBindingsDownloaded
        scalars.add(new VariableBinding(new OID(hacn).append("1.19.0"))); // hacnRejoins
        scalars.add(new VariableBinding(new OID(hacn).append("1.20.0"))); // hacnSnapshotReasks
        scalars.add(new VariableBinding(new OID(hacn).append("1.21.0"))); // hacnSwitchoversRefused
        scalars.add(new VariableBinding(new OID(hacn).append("2.1.0"))); // hacnPairRole
        scalars.add(new VariableBinding(new OID(hacn).append("2.3.0"))); // hacnPairActiveNode
        scalars.add(new VariableBinding(new OID(hacn).append("2.5.0"))); // hacnPairReplicasReceived
        PDU answer = manager.send(scalars, target("nms")).getResponse();
        assertThat(answer.getVariableBindings()).extracting(VariableBinding::getVariable).containsExactly(
                new Counter64(1000), new Counter64(300), new Counter64(1), new Counter64(4), new Counter64(2),
                new Integer32(3), new UnsignedInteger32(9), new Counter64(412));

        OID entry = new OID(hacn).append(3).append(1);
        List<VariableBinding> table = walk(entry);
        assertThat(table).hasSize(2 * 15);
        assertThat(cell(table, entry, "3.1")).isEqualTo(new Integer32(1)); // HA 1 active by role
        assertThat(cell(table, entry, "4.1")).isEqualTo(new Integer32(7)); // failed
        assertThat(cell(table, entry, "3.3")).isEqualTo(new Integer32(2)); // HA 3 redundant
        assertThat(cell(table, entry, "4.3")).isEqualTo(new Integer32(2)); // active
        assertThat(cell(table, entry, "10.1")).isEqualTo(new Integer32(4200)); // heard 4.2 s ago
        assertThat(cell(table, entry, "10.3")).isEqualTo(new Integer32(-1)); // never heard
        assertThat(cell(table, entry, "11.1")).isEqualTo(new Integer32(-1)); // no capacity
        assertThat(cell(table, entry, "11.3")).isEqualTo(new Integer32(15));
        assertThat(cell(table, entry, "15.1")).isEqualTo(new UnsignedInteger32(3)); // taken over by HA 3
        assertThat(cell(table, entry, "16.3")).isEqualTo(new Integer32(2)); // not awaiting a takeover

        controlNode = null; // no longer a control node
        PDU gone = manager.send(request(PDU.GET, new OID(hacn).append("1.1.0")), target("nms")).getResponse();
        assertThat(gone.get(0).getVariable()).isEqualTo(Null.noSuchObject);
        assertThat(walk(hacn)).isEmpty();
    }

    private static Variable cell(List<VariableBinding> table, OID entry, String columnAndIndex) {
        return table.stream().filter(vb -> vb.getOid().getSuffix(entry).equals(new OID(columnAndIndex)))
                .map(VariableBinding::getVariable).findFirst().orElseThrow();
    }

    /** GETNEXT from {@code prefix} while the answers stay under it. */
    private List<VariableBinding> walk(OID prefix) throws IOException {
        List<VariableBinding> found = new ArrayList<>();
        OID at = prefix;
        while (true) {
            VariableBinding next = manager.send(request(PDU.GETNEXT, at), target("nms")).getResponse().get(0);
            if (next.isException() || !next.getOid().startsWith(prefix)) {
                return found;
            }
            found.add(next);
            at = next.getOid();
        }
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
