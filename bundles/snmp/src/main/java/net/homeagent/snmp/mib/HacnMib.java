package net.homeagent.snmp.mib;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

import net.homeagent.mip.api.management.ControlNodeView;
import net.homeagent.mip.api.management.ControlNodeView.Agent;
import net.homeagent.mip.api.management.ControlNodeView.ControlNode;
import net.homeagent.mip.api.management.ControlNodeView.Counts;
import net.homeagent.mip.api.management.ControlNodeView.Pair;

/**
 * HOMEAGENT-HACN-MIB (mibs/HOMEAGENT-HACN-MIB.mib, homeagentModules.2): the HA control node, read from
 * {@link ControlNodeView} at each request (docs/hacn.md). The view is there only while the appliance
 * is an enabled control node; without it every scalar answers noSuchObject and the HA table is empty,
 * as {@link GroupMib} and {@link DelegationMib} do.
 */
public final class HacnMib extends MibModule {

    public static final OID MIB = new OID(HomeagentMib.HOMEAGENT).append(1).append(2);
    public static final OID NOTIFICATIONS = new OID(MIB).append(0);
    static final OID OBJECTS = new OID(MIB).append(1);
    static final OID COUNTERS = new OID(OBJECTS).append(1);
    static final OID PAIR = new OID(OBJECTS).append(2);
    public static final OID PAIR_ACTIVE_NODE = new OID(PAIR).append(3);
    static final OID AGENT_ENTRY = new OID(OBJECTS).append(3).append(1);
    static final OID EVENTS = new OID(OBJECTS).append(4);
    /** accessible-for-notify: only in the notifications below. */
    public static final OID EVENT_AGENT = new OID(EVENTS).append(1);
    public static final OID EVENT_DETECTION = new OID(EVENTS).append(2);
    public static final OID EVENT_BINDINGS = new OID(EVENTS).append(3);
    public static final OID EVENT_TAKEN_FROM = new OID(EVENTS).append(4);
    public static final OID EVENT_CAUSE = new OID(EVENTS).append(5);

    public static final OID AGENT_FAILURE = new OID(NOTIFICATIONS).append(1);
    public static final OID TAKEOVER_DONE = new OID(NOTIFICATIONS).append(2);
    public static final OID CONTROL_NODE_ACTIVE = new OID(NOTIFICATIONS).append(3);

    /** hacnCounters.1..21, in the order of the MIB (and of {@link Counts}'s components). */
    private static final List<ToLongFunction<Counts>> COUNTS = List.of(Counts::requestsReceived,
            Counts::requestsForwarded, Counts::repliesSent, Counts::requestsTimedOut, Counts::requestsDropped,
            Counts::peerDropped, Counts::detectionsHeartbeat, Counts::detectionsPoll, Counts::detectionsInterrupt,
            Counts::detectionsDownload, Counts::detectionsRestart, Counts::detectionsRejoin, Counts::downloads,
            Counts::takeovers, Counts::takeoversWithoutRedundant, Counts::bindingsDownloaded, Counts::switchovers,
            Counts::switchoversAbandoned, Counts::rejoins, Counts::snapshotReasks, Counts::switchoversRefused);

    /** hacnPair.4..8. */
    private static final List<ToLongFunction<Pair>> PAIR_COUNTS = List.of(Pair::replicasSent, Pair::replicasReceived,
            Pair::learns, Pair::learnedOwn, Pair::resumes);

    /** @param view the control node's view now; null while the appliance is no control node */
    public HacnMib(Supplier<ControlNodeView> view) {
        Supplier<Optional<ControlNode>> node = () -> Optional.ofNullable(view.get()).map(ControlNodeView::controlNode);
        for (int i = 0; i < COUNTS.size(); i++) {
            ToLongFunction<Counts> count = COUNTS.get(i);
            scalar(node, new OID(COUNTERS).append(i + 1), n -> new Counter64(count.applyAsLong(n.counts())));
        }
        scalar(node, new OID(PAIR).append(1), n -> new Integer32(n.pair().role().ordinal() + 1));
        scalar(node, new OID(PAIR).append(2), n -> new UnsignedInteger32(n.pair().peerNodeId().orElse(0)));
        scalar(node, PAIR_ACTIVE_NODE, n -> new UnsignedInteger32(n.pair().activeNodeId().orElse(0)));
        for (int i = 0; i < PAIR_COUNTS.size(); i++) {
            ToLongFunction<Pair> count = PAIR_COUNTS.get(i);
            scalar(node, new OID(PAIR).append(i + 4), n -> new Counter64(count.applyAsLong(n.pair())));
        }
        // hacnAgentTable, indexed by hacnAgentNodeId (column 1)
        serve(new LiveTable<>(AGENT_ENTRY, new int[] {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_INTEGER32,
            SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_UNSIGNED_INTEGER32,
            SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_COUNTER64,
            SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_UNSIGNED_INTEGER32,
            SMIConstants.SYNTAX_INTEGER32},
                () -> node.get().map(ControlNode::agents).orElse(List.of()), Agent::nodeId, HacnMib::agent));
    }

    /** hacnAgentEntry columns 2..16; -1 for a heartbeat age never measured or a load without a capacity. */
    static Variable[] agent(Agent a) {
        return new Variable[] {new OctetString(a.address()), new Integer32(a.redundant() ? 2 : 1), state(a.state()),
            new Integer32(a.priority()), new UnsignedInteger32(a.capacity()), HomeagentMib.gauge(a.homeAddresses()),
            HomeagentMib.gauge(a.bindings()), HomeagentMib.gauge(a.reportedBindings()),
            new Integer32((int) Math.min(a.heardAgoMillis().orElse(-1), Integer.MAX_VALUE)),
            new Integer32(a.loadPercent().orElse(-1)), new Counter64(a.requests()), HomeagentMib.gauge(a.inFlight()),
            new Counter64(a.failures()), new UnsignedInteger32(a.successor().orElse(0)),
            new Integer32(a.awaitingTakeover() ? HomeagentMib.TRUE : HomeagentMib.FALSE)};
    }

    /** HacnHaState: unknown(1) .. rejoining(8), the order of {@link ControlNodeView.AgentState}. */
    public static Integer32 state(ControlNodeView.AgentState state) {
        return new Integer32(state.ordinal() + 1);
    }

    /** hacnEventDetection: heartbeat(1) .. rejoin(6), the order of {@link ControlNodeView.Detection}. */
    public static Integer32 detection(ControlNodeView.Detection detection) {
        return new Integer32(detection.ordinal() + 1);
    }

    private void scalar(Supplier<Optional<ControlNode>> node, OID oid, Function<ControlNode, Variable> value) {
        // null: LiveScalar answers noSuchObject and a GETNEXT passes on
        serve(new LiveScalar<>(oid, () -> node.get().map(value).orElse(null)));
    }
}
