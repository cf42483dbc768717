package net.homeagent.mip.api;

import java.util.SortedMap;

import org.osgi.annotation.versioning.ProviderType;

/** Counters of the registration path, for the shell and (later) SNMP. */
@ProviderType
public interface RegistrationStatistics {

    RegistrationCounters snapshot();

    /**
     * A consistent-enough copy of the counters (each counter is exact; they are read one by one).
     *
     * @param requestsReceived    every datagram that reached the registration path
     * @param discarded           requests dropped without a reply (RFC 5944 §1.9, §3.8.2.1)
     * @param repliesByCode       replies sent, by reply code
     * @param refusalsByReason    refusals and discards by reason
     * @param deregistrations     accepted deregistrations
     * @param expiredBindings     bindings removed because their lifetime ran out
     */
    record RegistrationCounters(long requestsReceived, long discarded, SortedMap<Integer, Long> repliesByCode,
            SortedMap<String, Long> refusalsByReason, long deregistrations, long expiredBindings) {
    }
}
