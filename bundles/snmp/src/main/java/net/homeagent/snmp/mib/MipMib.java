package net.homeagent.snmp.mib;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;

import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.RegistrationStatistics;
import net.homeagent.mip.api.RegistrationStatistics.RegistrationCounters;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.codec.ReplyCode;

/**
 * The objects of the Mobile IP MIB (RFC 2006, MIP-MIB, 1.3.6.1.2.1.44) that a home agent without a
 * foreign agent or agent advertisement has a source for, read live from the mip-api services.
 * docs/snmp.md has the coverage table: what is served from what, and what is not and why (e.g.
 * haGratuitiousARPsSent waits for the data plane; haDeRegRequestsReceived for a counter of
 * deregistration requests, as the home agent counts only accepted deregistrations).
 */
public final class MipMib extends MibModule {

    public static final OID MIP_MIB = new OID("1.3.6.1.2.1.44");
    static final OID MIP_ENTITIES = new OID("1.3.6.1.2.1.44.1.1.1");
    static final OID MIP_ENABLE = new OID("1.3.6.1.2.1.44.1.1.2");
    static final OID MIP_SEC_ASSOC_ENTRY = new OID("1.3.6.1.2.1.44.1.2.1.1");
    static final OID MIP_SEC_TOTAL_VIOLATIONS = new OID("1.3.6.1.2.1.44.1.2.2");
    static final OID HA_MOBILITY_BINDING_ENTRY = new OID("1.3.6.1.2.1.44.1.6.3.1.1");
    /** haRegistration: the home agent's counters are scalars {@code haRegistration.N}. */
    static final OID HA_REGISTRATION = new OID("1.3.6.1.2.1.44.1.6.3");

    /** mipEntities BITS: homeAgent(2), i.e. 0x20 in the first octet (RFC 2578 §7.1.4). */
    static final byte ENTITIES_HOME_AGENT = 0x20;
    /** mipEnable: enabled(1). */
    static final int ENABLED = 1;

    /**
     * haRegistration scalars counted by reply code (RFC 2006; codes of RFC 5944 §3.4):
     * haRegistrationAccepted(3) = code 0 ... haUnknownHA(13) = code 136.
     */
    static final Map<Integer, Integer> COUNTER_BY_REPLY_CODE = Map.ofEntries(
            Map.entry(3, ReplyCode.ACCEPTED),
            Map.entry(4, ReplyCode.ACCEPTED_NO_SIMULTANEOUS),
            Map.entry(5, ReplyCode.REASON_UNSPECIFIED),
            Map.entry(6, ReplyCode.ADMINISTRATIVELY_PROHIBITED),
            Map.entry(7, ReplyCode.INSUFFICIENT_RESOURCES),
            Map.entry(8, ReplyCode.MN_FAILED_AUTHENTICATION),
            Map.entry(9, ReplyCode.FA_FAILED_AUTHENTICATION),
            Map.entry(10, ReplyCode.IDENTIFICATION_MISMATCH),
            Map.entry(11, ReplyCode.POORLY_FORMED_REQUEST),
            Map.entry(12, ReplyCode.TOO_MANY_SIMULTANEOUS_BINDINGS),
            Map.entry(13, ReplyCode.UNKNOWN_HOME_AGENT_ADDRESS));
    static final int HA_REG_REQUESTS_RECEIVED = 16;
    static final int HA_REG_REPLIES_SENT = 18;

    /**
     * The home agent's refusal reasons that are security violations in RFC 2006's sense
     * (mipSecRecentViolationReason: no security association, bad authenticator, bad identifier,
     * bad SPI, missing security extension); mipSecTotalViolations is their sum.
     */
    static final Set<String> VIOLATION_REASONS = Set.of("unknown-spi", "bad-authenticator", "timestamp-skew",
            "identification-not-increasing", "nonce-mismatch", "no-auth-extension", "no-mn-ha-extension",
            "several-auth-extensions");

    /** @param associations may be null: the security association table is then not served */
    public MipMib(BindingStore store, RegistrationStatistics statistics, SecurityAssociations associations,
            Clock clock, Duration bindingIndexMaxAge) {
        serve(new LiveScalar<>(MIP_ENTITIES, () -> new OctetString(new byte[] {ENTITIES_HOME_AGENT})));
        // the home agent's services are there (this MIB's component requires them): Mobile IP is enabled
        serve(new LiveScalar<>(MIP_ENABLE, () -> new Integer32(ENABLED)));
        serve(new LiveScalar<>(MIP_SEC_TOTAL_VIOLATIONS, () -> counter32(statistics, MipMib::securityViolations)));
        COUNTER_BY_REPLY_CODE.forEach((sub, code) -> serve(new LiveScalar<>(new OID(HA_REGISTRATION).append(sub),
                () -> counter32(statistics, c -> c.repliesByCode().getOrDefault(code, 0L)))));
        serve(new LiveScalar<>(new OID(HA_REGISTRATION).append(HA_REG_REQUESTS_RECEIVED),
                () -> counter32(statistics, RegistrationCounters::requestsReceived)));
        serve(new LiveScalar<>(new OID(HA_REGISTRATION).append(HA_REG_REPLIES_SENT),
                () -> counter32(statistics, c -> c.repliesByCode().values().stream().mapToLong(Long::longValue).sum())));
        if (associations != null) {
            serve(new SecurityAssociationTable(MIP_SEC_ASSOC_ENTRY, associations, clock));
        }
        serve(bindingTable(store, clock, bindingIndexMaxAge));
    }

    static long securityViolations(RegistrationCounters counters) {
        return counters.refusalsByReason().entrySet().stream().filter(e -> VIOLATION_REASONS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Counter32 wraps at 2^32 (RFC 2578 §7.1.6): the low 32 bits of the 64-bit count. */
    static Counter32 counter32(RegistrationStatistics statistics, ToLongFunction<RegistrationCounters> counter) {
        return new Counter32(counter.applyAsLong(statistics.snapshot()) & 0xFFFF_FFFFL);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static ManagedObject<?> bindingTable(BindingStore store, Clock clock, Duration maxAge) {
        MOTableSubIndex[] sub = {new MOTableSubIndex(SMIConstants.SYNTAX_IPADDRESS, 4, 4),
                new MOTableSubIndex(SMIConstants.SYNTAX_IPADDRESS, 4, 4)};
        int[] syntax = {SMIConstants.SYNTAX_IPADDRESS, SMIConstants.SYNTAX_IPADDRESS, SMIConstants.SYNTAX_IPADDRESS,
                SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_INTEGER32,
                SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_GAUGE32};
        MOColumn[] columns = new MOColumn[syntax.length];
        for (int i = 0; i < syntax.length; i++) {
            columns[i] = new MOColumn(i + 1, syntax[i], MOAccessImpl.ACCESS_READ_ONLY);
        }
        BindingTableModel model = new BindingTableModel(store, new BindingWalkIndex(store, clock, maxAge), clock);
        return new DefaultMOTable(HA_MOBILITY_BINDING_ENTRY, new MOTableIndex(sub), columns, model);
    }
}
