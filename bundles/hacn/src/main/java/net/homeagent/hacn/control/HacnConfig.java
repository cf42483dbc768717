package net.homeagent.hacn.control;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of this appliance as the HA control node, ConfigAdmin PID {@value #PID}
 * (etc/net.homeagent.hacn.cfg). Without it the appliance is no control node.
 */
@ObjectClassDefinition(id = HacnConfig.PID, name = "HA control node",
        description = "One public home agent address in front of N home agents: forwards registrations, keeps an MBR"
                + " snapshot per HA, detects failed HAs and moves their bindings to a redundant HA")
public @interface HacnConfig {

    String PID = "net.homeagent.hacn";

    @AttributeDefinition(description = "Whether this appliance is the HA control node; off by default")
    boolean enabled() default false;

    @AttributeDefinition(description = "The public home agent address mobile nodes register with (bound here)")
    String publicAddress() default "";

    @AttributeDefinition(description = "UDP port of the public address (RFC 5944: 434)")
    int port() default 434;

    @AttributeDefinition(description = "Active HAs, nodeId@host:port of each one's peer link (several values, or one comma separated)")
    String[] agents() default {};

    @AttributeDefinition(description = "Redundant HAs, 'nodeId@host:port priority capacity' (higher priority first;"
            + " capacity in bindings, 0 = no limit; several values, or one comma separated)")
    String[] redundantAgents() default {};

    @AttributeDefinition(description = "Chooses the HA of a home address no HA holds: hash, least-loaded or ranges")
    String policy() default "hash";

    @AttributeDefinition(description = "For policy ranges: a.b.c.d/len=nodeId, the first match wins")
    String[] ranges() default {};

    @AttributeDefinition(description = "A forwarded request not answered within this many ms gets no reply")
    int requestTimeoutMillis() default 2000;

    @AttributeDefinition(description = "The HAs' heartbeat interval, ms")
    int heartbeatMillis() default 1000;

    @AttributeDefinition(description = "Heartbeats missed in a row that make an HA silent; 0 = heartbeats detect"
            + " nothing")
    int heartbeatMisses() default 3;

    @AttributeDefinition(description = "Poll a silent HA before declaring it failed (else silence is failure)")
    boolean pollSilent() default true;

    @AttributeDefinition(description = "Poll every HA in turn, one every this many ms; 0 = only silent ones")
    int pollEveryMillis() default 0;

    @AttributeDefinition(description = "A poll not answered within this many ms means the HA failed")
    int pollTimeoutMillis() default 500;

    @AttributeDefinition(description = "Change reports missing for this many ms make the HACN ask the HA for a full"
            + " snapshot")
    int gapTimeoutMillis() default 2000;

    @AttributeDefinition(description = "A full snapshot asked of an HA that brings no new chunk for this many ms is"
            + " asked again (whole, under a new transfer id), then after twice as long each time up to 8 times this")
    int snapshotStallMillis() default 10000;

    @AttributeDefinition(description = "hacn:failover waits at most this many ms for the HA's MBR to be its whole"
            + " table (its requests answered, its poll answered, its snapshot and reports in), else it is refused and"
            + " the HA serves on")
    int switchoverWaitMillis() default 30000;

    @AttributeDefinition(description = "Largest snapshot chunk downloaded to a redundant HA, bytes")
    int chunkBytes() default 1200;

    @AttributeDefinition(description = "How often the timers (heartbeats, polls, request timeouts, gaps) are checked,"
            + " ms")
    int tickMillis() default 100;

    @AttributeDefinition(description = "The checkpoint of the MBRs, states and successors, written at most this many"
            + " ms after a change and at once after a state change (a takeover, a rejoin); 0 = none: nothing"
            + " survives a restart of the control node")
    int checkpointMillis() default 5000;

    @AttributeDefinition(description = "The other control node of a pair, nodeId@host:port of its peer link; empty:"
            + " no standby, this control node serves at once. With one, this control node starts as a standby that"
            + " learns the active one's state and serves when keepalived makes it master (notifyFifo)")
    String peerControlNode() default "";

    @AttributeDefinition(description = "keepalived's vrrp_notify_fifo (needed with peerControlNode)")
    String notifyFifo() default "";

    @AttributeDefinition(description = "The VRRP instance of the public address in keepalived.conf")
    String vrrpInstance() default "VI_HACN";

    @AttributeDefinition(description = "The file keepalived's track_file reads: 1 while this control node learns, 0"
            + " when it may take the public address; empty: none")
    String trackFile() default "";

    @AttributeDefinition(description = "The checkpoint's file; ${karaf.data} is replaced by the Karaf data folder, a"
            + " relative name is under it")
    String checkpointFile() default "${karaf.data}/hacn/mbr.checkpoint";
}
