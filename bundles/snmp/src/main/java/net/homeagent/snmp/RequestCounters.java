package net.homeagent.snmp;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.snmp4j.event.CounterEvent;
import org.snmp4j.event.CounterListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;

import net.homeagent.mip.api.management.SnmpAgentStatus.Counters;

/**
 * Listens to the counter events SNMP4J fires (the same events SNMPv2-MIB and SNMP-USER-BASED-SM-MIB
 * count) and keeps the refusals {@code snmp:status} shows and the burst watch reads, plus the
 * notifications sent. Registered with the command processor, USM and the message dispatcher.
 */
final class RequestCounters implements CounterListener {

    private final LongAdder requests = new LongAdder();
    private final Map<OID, LongAdder> refusals = Map.of(
            SnmpConstants.snmpInBadCommunityNames, new LongAdder(),
            SnmpConstants.snmpInBadCommunityUses, new LongAdder(),
            SnmpConstants.usmStatsUnknownUserNames, new LongAdder(),
            SnmpConstants.usmStatsWrongDigests, new LongAdder(),
            SnmpConstants.usmStatsDecryptionErrors, new LongAdder(),
            SnmpConstants.usmStatsUnsupportedSecLevels, new LongAdder());
    private final LongAdder notificationsSent = new LongAdder();

    @Override
    public void incrementCounter(CounterEvent event) {
        LongAdder refusal = refusals.get(event.getOid());
        if (refusal != null) {
            refusal.add(Math.max(1, event.getIncrement()));
        } else if (SnmpConstants.snmpInPkts.equals(event.getOid())) {
            requests.increment();
        }
    }

    void notificationSent() {
        notificationsSent.increment();
    }

    Counters snapshot(long notificationsSuppressed) {
        return new Counters(requests.sum(), sum(SnmpConstants.snmpInBadCommunityNames),
                sum(SnmpConstants.snmpInBadCommunityUses), sum(SnmpConstants.usmStatsUnknownUserNames),
                sum(SnmpConstants.usmStatsWrongDigests), sum(SnmpConstants.usmStatsDecryptionErrors),
                sum(SnmpConstants.usmStatsUnsupportedSecLevels), notificationsSent.sum(), notificationsSuppressed);
    }

    private long sum(OID oid) {
        return refusals.get(oid).sum();
    }
}
