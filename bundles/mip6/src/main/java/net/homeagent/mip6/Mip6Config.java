package net.homeagent.mip6;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the Mobile IPv6 node (home agent, correspondent node, MAP), ConfigAdmin PID
 * {@value #PID} (etc/net.homeagent.mip6.cfg).
 */
@ObjectClassDefinition(id = Mip6Config.PID, name = "Mobile IPv6 home agent, correspondent node and MAP",
        description = "RFC 6275 home registrations, route optimization and RFC 5380 MAP registrations on a TUN"
                + " device, durable binding caches, binding recovery")
public @interface Mip6Config {

    String PID = "net.homeagent.mip6";

    @AttributeDefinition(description = "Run the MIPv6 node (off by default: the feature installs it idle)")
    boolean enabled() default false;

    @AttributeDefinition(description = "The home agent's IPv6 addresses, routed into the signalling device; the"
            + " first is the source of its Binding Refresh Requests; empty: no home agent")
    String[] homeAgentAddresses() default {};

    @AttributeDefinition(description = "The correspondent node's IPv6 addresses (route optimization, RFC 6275 §9.4,"
            + " §9.5), routed into the signalling device; the first is the source of its Binding Refresh Requests;"
            + " empty: no correspondent node")
    String[] correspondentAddresses() default {};

    @AttributeDefinition(description = "The Mobility Anchor Point's IPv6 addresses (HMIPv6, RFC 5380: local Binding"
            + " Updates with the M flag bind a regional care-of address to an on-link one), routed into the"
            + " signalling device; the first is the source of its Binding Refresh Requests; empty: no MAP")
    String[] mapAddresses() default {};

    @AttributeDefinition(description = "The MAP's prefixes, e.g. 2001:db8:300::/64: a regional care-of address"
            + " outside them is refused with status 132")
    String[] mapPrefixes() default {};

    @AttributeDefinition(description = "Home subnet prefixes, e.g. 2001:db8:100::/64 (outside them: status 132)")
    String[] homePrefixes() default {};

    @AttributeDefinition(description = "Home address ranges this home agent serves (outside them: status 133);"
            + " empty: the home prefixes")
    String[] servedRanges() default {};

    @AttributeDefinition(description = "ESP protection of home registrations (RFC 4877 §4.3): 'required' - every home"
            + " registration must arrive under ESP with a security association of ipsecAssociationsFile, a home address"
            + " without one cannot register (RFC 6275 §5.1's MUST); 'when-keyed' - a home address with an association"
            + " must, one without may register in the clear (a lab, or while keys are handed out). The MAP and the"
            + " correspondent node are never protected")
    String ipsecPolicy() default "required";

    @AttributeDefinition(description = "The home agent's manually keyed ESP security associations, one mobile node"
            + " a line (etc/mip6-ipsec.conf describes the format); relative to etc/; re-read when it changes")
    String ipsecAssociationsFile() default "mip6-ipsec.conf";

    @AttributeDefinition(description = "Longest lifetime granted, seconds (4..262140)")
    long maxLifetimeSeconds() default 3600;

    @AttributeDefinition(description = "Entries at most in each role's binding cache (beyond: status 130)")
    int capacity() default 1_000_000;

    @AttributeDefinition(description = "Write every binding cache change to the durable backup before answering"
            + " (one file per role)")
    boolean backupEnabled() default true;

    @AttributeDefinition(description = "Folder of the backup")
    String backupFolder() default "${karaf.data}/mip6";

    @AttributeDefinition(description = "Name of the TUN device the node's addresses are routed into")
    String device() default "mip6ha0";

    @AttributeDefinition(description = "Forward for the home agent and the MAP in user space: their prefixes"
            + " (homePrefixes, mapPrefixes) routed into the signalling device, a packet for a bound address tunnelled"
            + " IPv6 in IPv6 to its care-of address, reverse tunnels decapsulated (RFC 2473, RFC 6275 §10.4)")
    boolean tunnelForwarding() default true;

    @AttributeDefinition(description = "The home link's interface, e.g. eth1, when the home prefixes are on a link"
            + " shared with other nodes (RFC 6275 §10.4.1): every bound home address is proxied there (proxy Neighbor"
            + " Discovery, an unsolicited Neighbor Advertisement) and routed into the signalling device, and the"
            + " home prefixes are not; empty: the node is the home prefixes' router (they are routed into the"
            + " device). Needs tunnelForwarding")
    String homeLinkInterface() default "";

    @AttributeDefinition(description = "Unsolicited Neighbor Advertisements a second at most on the home link, all"
            + " home addresses together (three per address: after a restart with a large cache they are spread,"
            + " not sent in one burst)")
    double homeLinkAdvertisementRate() default 1000;

    @AttributeDefinition(description = "MTU of the path to the care-of addresses: a packet longer than it less the"
            + " 40 octets of the tunnel header is answered with ICMPv6 Packet Too Big (at least 1320)")
    int tunnelLinkMtu() default 1500;

    @AttributeDefinition(description = "Set the host up: device up, a /128 route per address of either role into it,"
            + " net.ipv6.conf.all.forwarding=1 (so that what the home agent writes is forwarded)")
    boolean setUpHost() default true;

    @AttributeDefinition(description = "After a start with a backup, validate every restored entry with paced"
            + " Binding Refresh Requests")
    boolean recoveryEnabled() default true;

    @AttributeDefinition(description = "Restored entries are in the binding cache (and forwarded to) at once,"
            + " while recovery validates them; false: only once validated")
    boolean forwardDuringRecovery() default true;

    @AttributeDefinition(description = "Binding Refresh Requests per second")
    double recoveryRate() default 100;

    @AttributeDefinition(description = "Least milliseconds between two requests to one care-of prefix")
    long recoveryPrefixSpacingMillis() default 50;

    @AttributeDefinition(description = "Jitter of each gap between requests, a fraction of it (0 <= jitter < 1)")
    double recoveryJitter() default 0.2;

    @AttributeDefinition(description = "Milliseconds a mobile node has to answer the first request (doubled per retry)")
    long recoveryTimeoutMillis() default 3000;

    @AttributeDefinition(description = "Requests per mobile node before its entry is deleted (1..16)")
    int recoveryAttempts() default 3;

    @AttributeDefinition(description = "Bits of the care-of address that name its access network (1..64)")
    int recoveryPrefixLength() default 64;

    @AttributeDefinition(description = "How far down the order the pacer looks for another prefix when the next"
            + " one is within its spacing")
    int recoveryLookAhead() default 64;

    @AttributeDefinition(description = "Seed of the shuffle and the jitter; 0: a new one each start (logged)")
    long recoverySeed() default 0;
}
