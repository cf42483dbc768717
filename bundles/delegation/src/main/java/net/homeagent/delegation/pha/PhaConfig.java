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

    @AttributeDefinition(description = "The policy that picks an SHA for a new mobile at start: equal-split or"
            + " manual (delegation:policy switches at run time)")
    String policy() default "equal-split";

    @AttributeDefinition(description = "Order of events: after-ack (the registration reply waits for the SHA's"
            + " Start Forwarding Ack; refusal or timeout: the PHA keeps the mobile) or at-once (the reply goes at once,"
            + " the PHA forwards until the ack)")
    String order() default "at-once";

    @AttributeDefinition(description = "How long a Start Forwarding may wait for its ack, ms; past it the PHA keeps"
            + " the mobile")
    int ackTimeoutMillis() default 500;

    @AttributeDefinition(description = "Heartbeat interval to each SHA, ms (the SHAs' heartbeatMillis should match)")
    int heartbeatMillis() default 200;

    @AttributeDefinition(description = "Heartbeat intervals an SHA may stay silent before its mobiles are taken back")
    int heartbeatMisses() default 2;
}
