package net.homeagent.delegation.pha;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of this appliance as a primary home agent (PHA) that delegates the forwarding of
 * chosen mobiles to secondary home agents, ConfigAdmin PID {@value #PID}
 * (etc/net.homeagent.delegation.pha.cfg). Off unless {@code enabled=true}.
 */
@ObjectClassDefinition(id = PhaConfig.PID, name = "Primary home agent (delegation)",
        description = "Keeps the signalling and hands the interception and tunnelling of chosen mobiles to SHAs with"
                + " Start/Stop Forwarding (peer-link service 3)")
public @interface PhaConfig {

    String PID = "net.homeagent.delegation.pha";

    @AttributeDefinition(description = "Whether this appliance is a PHA; off by default")
    boolean enabled() default false;

    @AttributeDefinition(description = "The SHAs, nodeId@address:port of their peer links, comma separated")
    String[] shas() default {};

    @AttributeDefinition(description = "The policy active at start: equal-split, packet-threshold, even-load or"
            + " manual (delegation:policy switches at run time)")
    String policy() default "equal-split";

    @AttributeDefinition(description = "Order of events: after-ack (the registration reply waits for the SHA's"
            + " Start Forwarding Ack; refusal or timeout: the PHA keeps the mobile) or at-once (the reply goes at once,"
            + " the PHA forwards until the ack)")
    String order() default "at-once";

    @AttributeDefinition(description = "How long a Start Forwarding may wait for its ack, ms; past it the PHA keeps"
            + " the mobile")
    int ackTimeoutMillis() default 500;

    @AttributeDefinition(description = "The most Start Forwarding messages awaiting their ack per SHA; the others"
            + " wait at the PHA, which forwards those mobiles meanwhile (a burst of registrations must not overrun the"
            + " SHA's socket and the peer link's replay window); 1..16384")
    int startsInFlight() default PhaSettings.DEFAULT_STARTS_IN_FLIGHT;

    @AttributeDefinition(description = "The most Start Forwarding messages sent together in one peer-link message (a"
            + " Batch, docs/protocols.md); 1..40. 1: each alone, for SHAs of a version without Batch")
    int startsPerMessage() default PhaSettings.DEFAULT_STARTS_PER_MESSAGE;

    @AttributeDefinition(description = "Heartbeat interval to each SHA, ms (the SHAs' heartbeatMillis should match)")
    int heartbeatMillis() default 200;

    @AttributeDefinition(description = "Heartbeat intervals an SHA may stay silent before its mobiles are taken back")
    int heartbeatMisses() default 2;

    @AttributeDefinition(description = "How often the PHA reads the packet counters (its data plane's, the SHAs'"
            + " Load Reports) and asks the policy for moves, ms; the thresholds are packets per this interval")
    int loadIntervalMillis() default 1000;

    @AttributeDefinition(description = "packet-threshold: a mobile the PHA forwards with more packets per interval"
            + " moves to the least loaded SHA")
    long moveAbovePackets() default 1000;

    @AttributeDefinition(description = "packet-threshold: a delegated mobile with fewer packets per interval comes"
            + " back to the PHA (must be below moveAbovePackets: hysteresis); even-load: the smallest gap between"
            + " SHAs worth a move")
    long returnBelowPackets() default 200;

    @AttributeDefinition(description = "The most mobiles a policy moves in one interval")
    int maxMovesPerInterval() default 10;

    @AttributeDefinition(description = "Intervals a moved mobile stays where it was put before a policy moves it again")
    int holdIntervals() default 3;

    @AttributeDefinition(description = "even-load: SHAs whose packets per interval differ by at most this percentage"
            + " of their mean are even")
    int evenBandPercent() default 20;

    @AttributeDefinition(description = "Where the PHA keeps which SHA forwards which mobile, so that after a restart"
            + " the restored bindings go back to their SHAs; ${karaf.data} is replaced by the Karaf data folder. Empty:"
            + " no checkpoint (a restarted PHA forwards everything itself until its SHAs come up)")
    String checkpointFile() default "${karaf.data}/delegation/pha.checkpoint";
}
