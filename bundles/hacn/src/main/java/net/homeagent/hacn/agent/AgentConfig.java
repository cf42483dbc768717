package net.homeagent.hacn.agent;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of this home agent as one of a control node's HAs, ConfigAdmin PID {@value #PID}
 * (etc/net.homeagent.hacn.agent.cfg). Without it the home agent serves its own address alone.
 */
@ObjectClassDefinition(id = AgentConfig.PID, name = "HA of a control node",
        description = "Home agent behind an HA control node: takes the registrations the HACN forwards over the peer"
                + " link, reports every binding change, heartbeats")
public @interface AgentConfig {

    String PID = "net.homeagent.hacn.agent";

    @AttributeDefinition(description = "Whether this home agent is an HA of a control node; off by default")
    boolean enabled() default false;

    @AttributeDefinition(description = "The control node's peer-link node id; messages of service 2 from any other"
            + " node are dropped")
    int controlNodeId() default 0;

    @AttributeDefinition(description = "The control node's peer-link address, host:port")
    String controlNode() default "";

    @AttributeDefinition(description = "The standby control node's peer-link node id (0: none); the HA follows"
            + " whichever of its two control nodes last sent it something")
    int standbyControlNodeId() default 0;

    @AttributeDefinition(description = "The standby control node's peer-link address, host:port")
    String standbyControlNode() default "";

    @AttributeDefinition(description = "Heartbeat interval, ms (the HACN's heartbeatMillis should match)")
    int heartbeatMillis() default 1000;

    @AttributeDefinition(description = "A redundant HA: holds what the HACN downloads to it without serving it until"
            + " the HACN activates it")
    boolean redundant() default false;

    @AttributeDefinition(description = "Largest snapshot chunk sent to the HACN, bytes (under the link's largest"
            + " payload)")
    int chunkBytes() default 1200;
}
