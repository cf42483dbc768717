package net.homeagent.group;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of this appliance as a redundancy group member, ConfigAdmin PID {@value #PID}
 * (etc/net.homeagent.group.cfg). Without that configuration the appliance is no member at all.
 */
@ObjectClassDefinition(id = GroupConfig.PID, name = "Redundancy group member",
        description = "Member of a VRRP redundancy group (keepalived) sharing every binding over the peer link")
public @interface GroupConfig {

    String PID = "net.homeagent.group";

    @AttributeDefinition(description = "keepalived's vrrp_instance this member follows (its notify FIFO lines name it)")
    String vrrpInstance() default "VI_HA";

    @AttributeDefinition(description = "The virtual home agent address keepalived moves (shown by group:status)")
    String virtualAddress() default "";

    @AttributeDefinition(description = "keepalived's vrrp_notify_fifo; empty = do not follow keepalived (never active)")
    String notifyFifo() default "/run/homeagent/keepalived.fifo";

    @AttributeDefinition(description = "The file keepalived's track_file (weight 0) reads: 1 while learning or passive,"
            + " 0 when the member may take the address; empty = none")
    String trackFile() default "/run/homeagent/group-learning";

    @AttributeDefinition(description = "Receive every change but never take the address")
    boolean passive() default false;

    @AttributeDefinition(description = "A registration's reply waits until every member acknowledged its change")
    boolean replyWaitsForGroup() default true;

    @AttributeDefinition(description = "Longest a reply waits for the group, ms; then it goes and the late members are"
            + " marked lagging")
    int replyTimeoutMillis() default 100;

    @AttributeDefinition(description = "A learn request is repeated this often until a responder answers, ms")
    int learnRetryMillis() default 500;

    @AttributeDefinition(description = "With no answer (or no progress) for this long the member is alone and serves"
            + " its own backup, ms")
    int learnTimeoutMillis() default 3000;

    @AttributeDefinition(description = "Heartbeat (state announcement) interval, ms")
    int heartbeatMillis() default 500;

    @AttributeDefinition(description = "A member not heard for this long gets no more changes and holds no reply, ms")
    int memberSilenceMillis() default 5000;

    @AttributeDefinition(description = "Seconds a deleted home address's tombstone stops late adds")
    int tombstoneSeconds() default 60;

    @AttributeDefinition(description = "Largest learn chunk payload, bytes (kept under the link's MTU)")
    int chunkBytes() default 1200;

    @AttributeDefinition(description = "A gap in a sender's changes still open after this long is asked for, ms (longer"
            + " than the link's retransmissions take)")
    int gapRepairMillis() default 500;

    @AttributeDefinition(description = "How many recent changes the active member keeps to resend on a repair request;"
            + " an older gap makes the receiver learn again")
    int repairRingSize() default 65536;
}
