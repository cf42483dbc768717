package net.homeagent.snmp.mib;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

import net.homeagent.mip.api.management.DelegationView;
import net.homeagent.mip.api.management.DelegationView.Primary;
import net.homeagent.mip.api.management.DelegationView.Sha;

/**
 * HOMEAGENT-MIB's hamDelegation (mibs/HOMEAGENT-MIB.mib): the primary home agent's delegation to its
 * secondary home agents (docs/delegation.md), read from {@link DelegationView} at each request. The
 * view is there only while the appliance is a PHA; without it every scalar answers noSuchObject and
 * the SHA table is empty, as {@link GroupMib} does for a member that is gone.
 */
public final class DelegationMib extends MibModule {

    static final OID DELEGATION = new OID(HomeagentMib.OBJECTS).append(6);
    public static final OID POLICY = new OID(DELEGATION).append(1);
    static final OID STARTS_SENT = new OID(DELEGATION).append(2);
    static final OID STARTS_ACCEPTED = new OID(DELEGATION).append(3);
    static final OID STARTS_REFUSED = new OID(DELEGATION).append(4);
    static final OID STOPS_SENT = new OID(DELEGATION).append(5);
    static final OID TAKEN_BACK = new OID(DELEGATION).append(6);
    static final OID MOVED = new OID(DELEGATION).append(7);
    public static final OID POLICY_MOVES = new OID(DELEGATION).append(8);
    static final OID SHA_FAILURES = new OID(DELEGATION).append(9);
    static final OID SHA_ENTRY = new OID(DELEGATION).append(10).append(1);
    /** accessible-for-notify: only in hamDelegationShaLost and hamDelegationMoves. */
    public static final OID EVENT_NODE = new OID(DELEGATION).append(11);
    public static final OID EVENT_MOBILES = new OID(DELEGATION).append(12);
    public static final OID EVENT_MOVED = new OID(DELEGATION).append(13);

    /** @param view the PHA's view now; null while the appliance is no PHA */
    public DelegationMib(Supplier<DelegationView> view) {
        Supplier<Optional<Primary>> primary = () -> Optional.ofNullable(view.get()).map(DelegationView::primary);
        scalar(primary, POLICY, p -> new OctetString(p.policy()));
        scalar(primary, STARTS_SENT, p -> new Counter64(p.startsSent()));
        scalar(primary, STARTS_ACCEPTED, p -> new Counter64(p.accepted()));
        scalar(primary, STARTS_REFUSED, p -> new Counter64(p.refused()));
        scalar(primary, STOPS_SENT, p -> new Counter64(p.stopsSent()));
        scalar(primary, TAKEN_BACK, p -> new Counter64(p.takenBack()));
        scalar(primary, MOVED, p -> new Counter64(p.moved()));
        scalar(primary, POLICY_MOVES, p -> new Counter64(p.policyMoves()));
        scalar(primary, SHA_FAILURES, p -> new Counter64(p.shaFailures()));
        // hamDelegationShaTable, indexed by hamDelegationShaNodeId (column 1)
        serve(new LiveTable<>(SHA_ENTRY, new int[] {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_INTEGER32,
            SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_INTEGER32},
                () -> primary.get().map(Primary::shas).orElse(List.of()), Sha::nodeId, DelegationMib::sha));
    }

    /** hamDelegationShaEntry columns 2..6; a rate not known yet (fewer than two Load Reports) is -1. */
    static Variable[] sha(Sha s) {
        long rate = s.packetsPerSecond().orElse(-1);
        return new Variable[] {new OctetString(s.address()), state(s.state()),
            HomeagentMib.gauge(s.mobiles()), HomeagentMib.gauge(s.starting()),
            new Integer32((int) Math.min(rate, Integer.MAX_VALUE))};
    }

    private void scalar(Supplier<Optional<Primary>> primary, OID oid, Function<Primary, Variable> value) {
        // null: LiveScalar answers noSuchObject and a GETNEXT passes on
        serve(new LiveScalar<>(oid, () -> primary.get().map(value).orElse(null)));
    }

    /** HamShaState: unknown(1), up(2), failed(3). */
    static Integer32 state(DelegationView.ShaState state) {
        return new Integer32(switch (state) {
            case UNKNOWN -> 1;
            case UP -> 2;
            case FAILED -> 3;
        });
    }
}
