package net.homeagent.snmp.mib;

import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

import net.homeagent.mip.api.management.Mip6NodeView;
import net.homeagent.mip.api.management.Mip6NodeView.Binding;
import net.homeagent.mip.api.management.Mip6NodeView.Counter;
import net.homeagent.mip.api.management.Mip6NodeView.Owner;
import net.homeagent.mip.api.management.Mip6NodeView.Recovery;
import net.homeagent.mip.api.management.Mip6NodeView.RecoveryState;
import net.homeagent.mip.api.management.Mip6NodeView.Role;

/**
 * HOMEAGENT-MIP6-MIB (mibs/HOMEAGENT-MIP6-MIB.mib): the Mobile IPv6 node's status, counters, roles
 * with their binding recovery, acknowledgements by status and binding caches, read from
 * {@link Mip6NodeView} at each request (the same figures as mip6:stats, mip6:recovery and
 * mip6:bindings). Without the view (feature homeagent-mip6 not installed) the scalars answer
 * noSuchObject and the tables are empty, as hamGroup does. The binding table, which may hold
 * thousands of rows per role, is rebuilt at most once per {@link #BINDING_TABLE_MAX_AGE}.
 */
public final class Mip6Mib extends MibModule {

    /** homeagentModules.3 */
    static final OID MIB = new OID(HomeagentMib.HOMEAGENT).append(1).append(3);
    public static final OID NOTIFICATIONS = new OID(MIB).append(0);
    public static final OID RECOVERY_STARTED = new OID(NOTIFICATIONS).append(1);
    public static final OID RECOVERY_FINISHED = new OID(NOTIFICATIONS).append(2);
    static final OID OBJECTS = new OID(MIB).append(1);
    static final OID NODE = new OID(OBJECTS).append(1);
    static final OID STATUS = new OID(NODE).append(1);
    static final OID HOME_LINK_PROXIED = new OID(NODE).append(2);
    static final OID COUNTER_ENTRY = new OID(OBJECTS).append(2).append(1);
    static final OID ROLE_ENTRY = new OID(OBJECTS).append(3).append(1);
    public static final OID RECOVERY_STATE = new OID(ROLE_ENTRY).append(4);
    public static final OID RECOVERY_TOTAL = new OID(ROLE_ENTRY).append(5);
    public static final OID RECOVERY_VALIDATED = new OID(ROLE_ENTRY).append(6);
    public static final OID RECOVERY_DELETED = new OID(ROLE_ENTRY).append(7);
    static final OID ACK_ENTRY = new OID(OBJECTS).append(4).append(1);
    static final OID BINDING_ENTRY = new OID(OBJECTS).append(5).append(1);

    /** DisplayString and SnmpAdminString hold at most 255 octets. */
    private static final int TEXT_MAX = 255;

    /** How long a rebuilt hm6BindingTable answers: a walk of n entries then costs n / (rows per second) rebuilds. */
    public static final Duration BINDING_TABLE_MAX_AGE = Duration.ofSeconds(1);

    /**
     * @param view  the node now; null while the mip6 feature is not installed
     * @param clock the age of the binding table's rows
     */
    public Mip6Mib(Supplier<Mip6NodeView> view, Clock clock) {
        Supplier<Optional<Mip6NodeView>> node = () -> Optional.ofNullable(view.get());
        serve(new LiveScalar<>(STATUS, () -> node.get().map(n -> text(n.status())).orElse(null)));
        serve(new LiveScalar<>(HOME_LINK_PROXIED, () -> node.get().map(Mip6NodeView::homeLinkProxied)
                .filter(proxied -> proxied.isPresent()).map(proxied -> HomeagentMib.gauge(proxied.getAsInt()))
                .orElse(null)));
        serve(new LiveTable<>(COUNTER_ENTRY, indexes(ownerIndex(), new MOTableSubIndex(SMIConstants.SYNTAX_GAUGE32)),
                new int[] {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING,
                    SMIConstants.SYNTAX_COUNTER64},
                () -> node.get().map(Mip6Mib::counterRows).orElse(List.of()), OwnedCounter::index,
                OwnedCounter::values));
        serve(new LiveTable<>(ROLE_ENTRY, new int[] {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_GAUGE32},
                () -> node.get().map(Mip6NodeView::roles).orElse(List.of()), role -> ownerNumber(role.owner()),
                Mip6Mib::role));
        serve(new LiveTable<>(ACK_ENTRY, indexes(ownerIndex(), new MOTableSubIndex(SMIConstants.SYNTAX_GAUGE32)),
                new int[] {SMIConstants.SYNTAX_COUNTER64},
                () -> node.get().map(Mip6Mib::ackRows).orElse(List.of()), Ack::index, Ack::values));
        serve(new LiveTable<>(BINDING_ENTRY,
                indexes(ownerIndex(), new MOTableSubIndex(null, SMIConstants.SYNTAX_OCTET_STRING, 16, 16)),
                new int[] {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32,
                    SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_OCTET_STRING},
                () -> node.get().map(Mip6NodeView::bindings).orElse(List.of()), Mip6Mib::bindingIndex,
                Mip6Mib::binding, clock, BINDING_TABLE_MAX_AGE));
    }

    /** Hm6Owner: node(1), homeAgent(2), correspondentNode(3), map(4). */
    public static int ownerNumber(Owner owner) {
        return owner.ordinal() + 1;
    }

    /** hm6RecoveryState: none(1), running(2), finished(3). */
    public static Integer32 state(RecoveryState state) {
        return new Integer32(state.ordinal() + 1);
    }

    private static MOTableSubIndex ownerIndex() {
        return new MOTableSubIndex(SMIConstants.SYNTAX_INTEGER32);
    }

    private static MOTableSubIndex[] indexes(MOTableSubIndex... subIndexes) {
        return subIndexes;
    }

    /** A counter of the node's or of a role's, as a row of hm6CounterTable. */
    private record OwnedCounter(Owner owner, Counter counter) {

        OID index() {
            return new OID(new int[] {ownerNumber(owner), counter.number()});
        }

        Variable[] values() {
            return new Variable[] {text(counter.name()), text(counter.description()), new Counter64(counter.value())};
        }
    }

    static List<OwnedCounter> counterRows(Mip6NodeView node) {
        List<OwnedCounter> rows = new ArrayList<>();
        node.counters().forEach(counter -> rows.add(new OwnedCounter(Owner.NODE, counter)));
        for (Role role : node.roles()) {
            role.counters().forEach(counter -> rows.add(new OwnedCounter(role.owner(), counter)));
        }
        return rows;
    }

    /** hm6RoleEntry columns 2..13 (hm6RoleOwner, 1, is the index). */
    static Variable[] role(Role role) {
        Recovery r = role.recovery();
        return new Variable[] {text(role.name()), HomeagentMib.gauge(role.bindings()), state(r.state()),
            HomeagentMib.gauge(r.total()), HomeagentMib.gauge(r.validated()), HomeagentMib.gauge(r.deleted()),
            HomeagentMib.gauge(r.pending()), HomeagentMib.gauge(r.awaitingAnswer()), new Counter64(r.requestsSent()),
            new Counter64(r.retries()), hundredths(r.configuredRate()), hundredths(r.measuredRate())};
    }

    /** Binding Acknowledgements of one status sent by one role, a row of hm6AckTable. */
    private record Ack(Owner owner, int status, long count) {

        OID index() {
            return new OID(new int[] {ownerNumber(owner), status});
        }

        Variable[] values() {
            return new Variable[] {new Counter64(count)};
        }
    }

    static List<Ack> ackRows(Mip6NodeView node) {
        List<Ack> rows = new ArrayList<>();
        for (Role role : node.roles()) {
            for (Map.Entry<Integer, Long> ack : role.acknowledgements().entrySet()) {
                rows.add(new Ack(role.owner(), ack.getKey(), ack.getValue()));
            }
        }
        return rows;
    }

    /** (role, the home address's 16 octets: a fixed-size index has no length sub-identifier, RFC 2578 §7.7). */
    static OID bindingIndex(Binding binding) {
        int[] index = new int[17];
        index[0] = ownerNumber(binding.role());
        byte[] octets = binding.homeAddress().getAddress();
        for (int i = 0; i < 16; i++) {
            index[i + 1] = octets[i] & 0xff;
        }
        return new OID(index);
    }

    /** hm6BindingEntry columns 3..8. */
    static Variable[] binding(Binding b) {
        return new Variable[] {address(b.careOfAddress()), new UnsignedInteger32(b.sequence()),
            HomeagentMib.gauge(b.lifetimeSeconds()), HomeagentMib.gauge(b.remainingSeconds()),
            new Integer32(b.restored() ? 2 : 1), text(b.recoveryState())};
    }

    private static OctetString address(Inet6Address address) {
        return new OctetString(address.getAddress());
    }

    /** Hm6Rate: requests per second in hundredths (DISPLAY-HINT "d-2"). */
    static UnsignedInteger32 hundredths(double perSecond) {
        return new UnsignedInteger32(Math.min(Math.max(Math.round(perSecond * 100), 0), 0xFFFF_FFFFL));
    }

    static OctetString text(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return new OctetString(Arrays.copyOf(utf8, Math.min(utf8.length, TEXT_MAX)));
    }
}
