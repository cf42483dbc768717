package net.homeagent.snmp.mib;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;

import net.homeagent.mip.api.management.MimmAdvisorView;
import net.homeagent.mip.api.management.MimmAdvisorView.AlertRow;
import net.homeagent.mip.api.management.MimmAdvisorView.Counters;
import net.homeagent.mip.api.management.MimmAdvisorView.NetworkRow;

/**
 * HOMEAGENT-MIMM-MIB's objects (mibs/HOMEAGENT-MIMM-MIB.mib): mimmAdvisor (advice counters),
 * mimmNetworkTable (networks and their load) and mimmAlertTable (alerts that hold), read from
 * {@link MimmAdvisorView} at each request. Without the view (the homeagent-mimm feature is not
 * installed) every scalar answers noSuchObject and the tables are empty, as hamGroup does.
 */
public final class MimmMib extends MibModule {

    /** homeagentModules.5 */
    static final OID MIB = new OID(HomeagentMib.HOMEAGENT).append(1).append(5);
    static final OID OBJECTS = new OID(MIB).append(1);
    static final OID ADVISOR = new OID(OBJECTS).append(2);
    static final OID NETWORK_ENTRY = new OID(OBJECTS).append(3).append(1);
    static final OID ALERT_ENTRY = new OID(OBJECTS).append(4).append(1);
    /** mimmAlertObjects: the objects of the notifications (accessible-for-notify). */
    static final OID ALERT_OBJECTS = new OID(OBJECTS).append(1);
    public static final OID ALERT_SUBJECT = new OID(ALERT_OBJECTS).append(1);
    public static final OID ALERT_REASON = new OID(ALERT_OBJECTS).append(2);
    public static final OID ALERT_EXPIRY = new OID(ALERT_OBJECTS).append(3);
    public static final OID ALERT_ALTERNATIVE = new OID(ALERT_OBJECTS).append(4);
    public static final OID ALERT_NOTIFY_ID = new OID(ALERT_OBJECTS).append(5);
    public static final OID ALERT_NOTIFY_STATE = new OID(ALERT_OBJECTS).append(6);
    public static final OID ALERT_NOTIFY_NETWORKS = new OID(ALERT_OBJECTS).append(7);
    /** mimmNotifications.2: the advisor raised, expired or cleared an alert. */
    public static final OID ALERT_STATE_CHANGE = new OID(MIB).append(0).append(2);

    /** @param view the advisor now; null while it does not run */
    public MimmMib(Supplier<MimmAdvisorView> view) {
        Supplier<Optional<Counters>> counters = () -> Optional.ofNullable(view.get()).map(MimmAdvisorView::counters);
        counter(counters, 1, Counters::requests);
        counter(counters, 2, Counters::go);
        counter(counters, 3, Counters::notNow);
        counter(counters, 4, Counters::no);
        counter(counters, 5, Counters::pushesSent);
        counter(counters, 6, Counters::pushesAcked);
        counter(counters, 7, Counters::pushesGivenUp);
        counter(counters, 8, Counters::pulls);
        serve(new LiveTable<>(NETWORK_ENTRY, new int[] {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING,
            SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_INTEGER32},
                () -> Optional.ofNullable(view.get()).map(MimmAdvisorView::networks).orElse(List.of()),
                NetworkRow::id, MimmMib::network));
        serve(new LiveTable<>(ALERT_ENTRY, new int[] {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING,
            SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING},
                () -> Optional.ofNullable(view.get()).map(MimmAdvisorView::alerts).orElse(List.of()),
                AlertRow::id, MimmMib::alert));
    }

    private void counter(Supplier<Optional<Counters>> counters, int leaf, Function<Counters, Long> value) {
        serve(new LiveScalar<>(new OID(ADVISOR).append(leaf),
                () -> counters.get().map(c -> new Counter64(value.apply(c))).orElse(null)));
    }

    /** mimmNetworkEntry columns 2..10 (mimmNetworkId, 1, is the index). */
    static Variable[] network(NetworkRow n) {
        return new Variable[] {new OctetString(n.name()), new OctetString(n.type()),
            new UnsignedInteger32(n.capacityMobiles()), HomeagentMib.gauge(n.capacityKbps()), HomeagentMib.gauge(n.mobiles()),
            HomeagentMib.gauge(n.sessions()), HomeagentMib.gauge(n.sessionKbps()), HomeagentMib.gauge(n.loadPercent()),
            new Integer32(n.sessionsKnown() ? HomeagentMib.TRUE : HomeagentMib.FALSE)};
    }

    /** mimmAlertEntry columns 2..8 (mimmAlertId, 1, is the index). */
    static Variable[] alert(AlertRow a) {
        return new Variable[] {new OctetString(a.subject()),
            new OctetString(a.networks().stream().map(String::valueOf).collect(Collectors.joining(","))),
            new Integer32(a.reason()), new Integer32((int) a.expiry()), new UnsignedInteger32(a.alternative()),
            new OctetString(a.raisedAt().toString()), new OctetString(a.until().map(Object::toString).orElse(""))};
    }
}
