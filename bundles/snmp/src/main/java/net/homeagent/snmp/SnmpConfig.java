package net.homeagent.snmp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the SNMP agent, ConfigAdmin PID {@value #PID} (etc/net.homeagent.snmp.cfg). Every
 * key has an embedded default; without an access file the agent listens but lets nobody in.
 */
@ObjectClassDefinition(id = SnmpConfig.PID, name = "SNMP agent",
        description = "SNMP agent serving MIP-MIB (RFC 2006) and HOMEAGENT-MIB, and the appliance's notifications")
public @interface SnmpConfig {

    String PID = "net.homeagent.snmp";

    @AttributeDefinition(description = "Local address to listen on (UDP)")
    String listenAddress() default "0.0.0.0";

    @AttributeDefinition(description = "UDP port of the agent (RFC 3417: 161)")
    int port() default 161;

    @AttributeDefinition(description = "snmpEngineID in hex (5 to 32 octets); empty = derived from the host name")
    String engineId() default "";

    @AttributeDefinition(description = "Users (SNMPv3 USM) and, only if given there, v2c communities; relative paths"
            + " resolve against the Karaf etc folder")
    String accessFile() default "${karaf.etc}/snmp-access.conf";

    @AttributeDefinition(description = "Lowest SNMPv3 security level let in: authPriv or authNoPriv")
    String minSecurityLevel() default "authPriv";

    @AttributeDefinition(description = "Notification targets: 'udp:<address>/<port> v3 <user>' or"
            + " 'udp:<address>/<port> v2c <community-index>' (the community's index name in the access file)")
    String[] notificationTargets() default {};

    @AttributeDefinition(description = "trap or inform")
    String notificationType() default "trap";

    @AttributeDefinition(description = "Most notifications of one kind sent per interval; the rest are counted")
    int notificationsPerInterval() default 5;

    @AttributeDefinition(description = "The rate limit's interval, seconds")
    int notificationIntervalSeconds() default 60;

    @AttributeDefinition(description = "How long, milliseconds, the sorted index of the binding table a walk reads"
            + " is reused before it is built again")
    int bindingIndexMaxAgeMillis() default 2000;

    @AttributeDefinition(description = "Engine boots counter file (RFC 3414 §2.2); relative to ${karaf.data}")
    String engineBootsFile() default "snmp/engine-boots";
}
