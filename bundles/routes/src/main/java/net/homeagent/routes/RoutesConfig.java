package net.homeagent.routes;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the appliance's event routes, ConfigAdmin PID {@value #PID} (etc/net.homeagent.routes.cfg). */
@ObjectClassDefinition(id = RoutesConfig.PID, name = "Appliance event routes",
        description = "Camel routes fanning appliance events out to SNMP notifications, the audit log and operator endpoints")
public @interface RoutesConfig {

    String PID = "net.homeagent.routes";

    @AttributeDefinition(description = "Events waiting for the routes at most; more are dropped and counted")
    int eventQueueCapacity() default 65536;

    @AttributeDefinition(description = "Camel endpoint URIs that receive every event as one line of text"
            + " (e.g. file:/var/log/homeagent?fileName=events.log&fileExist=Append)")
    String[] operatorEndpoints() default {};

    @AttributeDefinition(description = "Event kinds the operator endpoints receive; empty = all")
    String[] operatorEventKinds() default {};

    @AttributeDefinition(description = "Seconds between the audit log's binding summary lines (bindings are not"
            + " logged one by one)")
    int bindingSummarySeconds() default 10;

    @AttributeDefinition(description = "Binding count that raises BINDING_TABLE_HIGH_WATER; 0 = never")
    int bindingHighWater() default 0;

    @AttributeDefinition(description = "Binding count at or below which BINDING_TABLE_NORMAL follows; 0 = 90% of"
            + " bindingHighWater")
    int bindingHighWaterClear() default 0;

    @AttributeDefinition(description = "Authentication failures (registrations: codes 131, 132; SNMP: refused"
            + " messages) within authFailureWindowSeconds that make a burst")
    int authFailureBurst() default 20;

    @AttributeDefinition(description = "Window of the authentication failure burst, seconds")
    int authFailureWindowSeconds() default 10;

    @AttributeDefinition(description = "Receive SNMP traps from monitoring entities (for the MIMM advisor)")
    boolean trapReceiverEnabled() default false;

    @AttributeDefinition(description = "Local address of the trap receiver")
    String trapListenAddress() default "127.0.0.1";

    @AttributeDefinition(description = "UDP port of the trap receiver")
    int trapPort() default 10162;

    @AttributeDefinition(description = "The v1/v2c community traps must carry; empty = the receiver refuses all"
            + " (it never accepts any community)")
    String trapCommunity() default "";

    @AttributeDefinition(description = "Camel URI of the HTTP alert endpoint monitoring systems POST alerts to (JSON:"
            + " subject, reason, expiry, alternative), e.g. netty-http:http://127.0.0.1:10180/alerts; empty = none")
    String alertEndpoint() default "";

    @AttributeDefinition(description = "The bearer token every request to the alert endpoint must carry"
            + " (Authorization: Bearer <token>); empty = the endpoint refuses all")
    String alertToken() default "";
}
