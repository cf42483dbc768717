package net.homeagent.delegation.sha;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of this appliance as a secondary home agent (SHA), ConfigAdmin PID {@value #PID}
 * (etc/net.homeagent.delegation.sha.cfg). Off unless {@code enabled=true}.
 */
@ObjectClassDefinition(id = ShaConfig.PID, name = "Secondary home agent (delegation)",
        description = "Intercepts and tunnels the home addresses a primary home agent delegates to it with Start"
                + " Forwarding (peer-link service 3), with the primary's address as tunnel source")
public @interface ShaConfig {

    String PID = "net.homeagent.delegation.sha";

    @AttributeDefinition(description = "Whether this appliance is an SHA; off by default")
    boolean enabled() default false;

    @AttributeDefinition(description = "The primary home agent, nodeId@address:port of its peer link; service 3"
            + " requests from any other node are refused (not-a-pha)")
    String pha() default "";

    @AttributeDefinition(description = "Most home addresses forwarded at once; a Start beyond it is refused"
            + " (capacity). 0: no limit")
    int capacity() default 0;

    @AttributeDefinition(description = "Heartbeat interval to the PHA, ms; also how often expired entries are"
            + " removed")
    int heartbeatMillis() default 200;

    @AttributeDefinition(description = "How often the SHA reports its entries' packet counters to the PHA (Load"
            + " Report), ms, at least heartbeatMillis; 0: never (the PHA's load policies then see no rate for its"
            + " mobiles). Best equal to the PHA's loadIntervalMillis")
    int loadReportMillis() default 1000;

    @AttributeDefinition(description = "When the PHA restarted (its link's new epoch), how long the entries of its"
            + " earlier life keep forwarding for it to tell them again, ms (a PHA with a checkpoint does so when it"
            + " hears this SHA); those not told by then are removed. 0: removed at once")
    int phaRestartGraceMillis() default 5000;
}
