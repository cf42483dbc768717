package net.homeagent.mip.api.management;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** What {@code snmp:status} shows of the SNMP agent: where it listens, who may use it, its counters. */
@ProviderType
public interface SnmpAgentStatus {

    Status status();

    /**
     * @param listening      the transport addresses the agent listens on ({@code udp:127.0.0.1/161}); empty if it
     *                       could not bind
     * @param problem        why it does not listen, if it does not
     * @param engineId       the agent's snmpEngineID in hex
     * @param versions       the SNMP versions accepted ({@code v3}, and {@code v2c} only when configured)
     * @param users          the USM users, without their passphrases
     * @param communities    how many v2c communities are configured (their names are secrets and not shown)
     * @param targets        notification targets ({@code udp:host/port v3 user}, never a secret)
     * @param counters       requests and refusals
     */
    record Status(List<String> listening, String problem, String engineId, List<String> versions, List<User> users,
            int communities, List<String> targets, Counters counters) {
    }

    /** A USM user: name, protocols, security level and access; never the passphrases. */
    record User(String name, String authProtocol, String privProtocol, String securityLevel, String access) {
    }

    /**
     * @param requests            PDUs processed (get, getnext, getbulk, set)
     * @param badCommunityNames   v1/v2c messages with an unknown community (snmpInBadCommunityNames)
     * @param badCommunityUses    v1/v2c messages with a community not allowed that operation
     * @param unknownUserNames    v3 messages with an unknown user (usmStatsUnknownUserNames)
     * @param wrongDigests        v3 messages whose authentication failed (usmStatsWrongDigests)
     * @param decryptionErrors    v3 messages that could not be decrypted (usmStatsDecryptionErrors)
     * @param unsupportedSecLevels v3 messages below the required security level (usmStatsUnsupportedSecLevels)
     * @param notificationsSent   notifications handed to the targets
     * @param notificationsSuppressed notifications not sent because of the rate limit
     */
    record Counters(long requests, long badCommunityNames, long badCommunityUses, long unknownUserNames,
            long wrongDigests, long decryptionErrors, long unsupportedSecLevels, long notificationsSent,
            long notificationsSuppressed) {

        /** Every refused message: what an authentication-failure burst counts. */
        public long authenticationFailures() {
            return badCommunityNames + badCommunityUses + unknownUserNames + wrongDigests + decryptionErrors
                    + unsupportedSecLevels;
        }
    }
}
