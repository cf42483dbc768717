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
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

import net.homeagent.mip.api.management.RedundancyGroupView;
import net.homeagent.mip.api.management.RedundancyGroupView.Group;
import net.homeagent.mip.api.management.RedundancyGroupView.Member;
import net.homeagent.mip.api.management.RedundancyGroupView.State;

/**
 * HOMEAGENT-MIB's hamGroup (mibs/HOMEAGENT-MIB.mib): the redundancy group member, read from
 * {@link RedundancyGroupView} at each request. The view is there only while the appliance runs a
 * member; without it every scalar answers noSuchObject and a walk passes over them, and the member
 * table is empty: a manager never reads the figures of a member that is gone.
 */
public final class GroupMib extends MibModule {

    static final OID GROUP = new OID(HomeagentMib.OBJECTS).append(5);
    public static final OID NODE_ID = new OID(GROUP).append(1);
    public static final OID STATE = new OID(GROUP).append(2);
    static final OID VRRP_INSTANCE = new OID(GROUP).append(3);
    static final OID VIRTUAL_ADDRESS = new OID(GROUP).append(4);
    static final OID REPLIES_WAIT = new OID(GROUP).append(5);
    static final OID LAST_SEQUENCE = new OID(GROUP).append(6);
    static final OID AWAITING_ACKS = new OID(GROUP).append(7);
    static final OID TOMBSTONES = new OID(GROUP).append(8);
    static final OID CHANGES_SENT = new OID(GROUP).append(9);
    static final OID CHANGES_APPLIED = new OID(GROUP).append(10);
    static final OID LEARNS = new OID(GROUP).append(11);
    static final OID LAGGED = new OID(GROUP).append(12);
    static final OID DROPPED = new OID(GROUP).append(13);
    static final OID LAST_LEARN_FROM = new OID(GROUP).append(14);
    static final OID LAST_LEARN_BINDINGS = new OID(GROUP).append(15);
    /** accessible-for-notify: only in hamGroupStateChange. */
    public static final OID PREVIOUS_STATE = new OID(GROUP).append(16);
    static final OID MEMBER_ENTRY = new OID(GROUP).append(17).append(1);

    /** @param view the member's view now; null while the appliance runs no member */
    public GroupMib(Supplier<RedundancyGroupView> view) {
        Supplier<Optional<Group>> group = () -> Optional.ofNullable(view.get()).map(RedundancyGroupView::group);
        scalar(group, NODE_ID, g -> new UnsignedInteger32(g.nodeId()));
        scalar(group, STATE, g -> state(g.state()));
        scalar(group, VRRP_INSTANCE, g -> new OctetString(g.vrrpInstance()));
        scalar(group, VIRTUAL_ADDRESS, g -> new OctetString(g.virtualAddress()));
        scalar(group, REPLIES_WAIT, g -> new Integer32(g.replyWaitsForGroup() ? HomeagentMib.TRUE : HomeagentMib.FALSE));
        scalar(group, LAST_SEQUENCE, g -> new Counter64(g.lastSequence()));
        scalar(group, AWAITING_ACKS, g -> HomeagentMib.gauge(g.awaitingAcks()));
        scalar(group, TOMBSTONES, g -> HomeagentMib.gauge(g.tombstones()));
        scalar(group, CHANGES_SENT, g -> new Counter64(g.counters().changesSent()));
        scalar(group, CHANGES_APPLIED, g -> new Counter64(g.counters().changesApplied()));
        scalar(group, LEARNS, g -> new Counter64(g.counters().learns()));
        scalar(group, LAGGED, g -> new Counter64(g.counters().lagged()));
        scalar(group, DROPPED, g -> new Counter64(g.counters().dropped()));
        scalar(group, LAST_LEARN_FROM,
                g -> new UnsignedInteger32(g.lastLearn().map(l -> l.from().orElse(0)).orElse(0)));
        scalar(group, LAST_LEARN_BINDINGS, g -> HomeagentMib.gauge(g.lastLearn().map(l -> l.bindings()).orElse(0L)));
        // hamGroupMemberTable, indexed by hamGroupMemberNodeId (column 1)
        serve(new LiveTable<>(MEMBER_ENTRY, new int[] {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_INTEGER32,
            SMIConstants.SYNTAX_TIMETICKS, SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_INTEGER32},
                () -> group.get().map(Group::members).orElse(List.of()), Member::nodeId, GroupMib::member));
    }

    /** hamGroupMemberEntry columns 2..8. */
    static Variable[] member(Member m) {
        return new Variable[] {new OctetString(m.address()), state(m.state()),
            new TimeTicks(Math.min(m.sinceHeard().toMillis() / 10, 0xFFFF_FFFFL)), new Counter64(m.sent()),
            HomeagentMib.gauge(m.lag()), new Counter64(m.failed()),
            new Integer32(m.lagging() ? HomeagentMib.TRUE : HomeagentMib.FALSE)};
    }

    private void scalar(Supplier<Optional<Group>> group, OID oid, Function<Group, Variable> value) {
        // null: LiveScalar answers noSuchObject and a GETNEXT passes on
        serve(new LiveScalar<>(oid, () -> group.get().map(value).orElse(null)));
    }

    /** HamMemberState: init(1), learn(2), standby(3), active(4), passive(5). */
    public static Integer32 state(State state) {
        return new Integer32(switch (state) {
            case INIT -> 1;
            case LEARN -> 2;
            case STANDBY -> 3;
            case ACTIVE -> 4;
            case PASSIVE -> 5;
        });
    }
}
