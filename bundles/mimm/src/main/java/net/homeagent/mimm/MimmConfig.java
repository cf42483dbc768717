package net.homeagent.mimm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the MIMM handoff advisor, ConfigAdmin PID {@value #PID} (etc/net.homeagent.mimm.cfg). */
@ObjectClassDefinition(id = MimmConfig.PID, name = "MIMM handoff advisor",
        description = "Answers Request Handoff extensions with Handoff Advice from the load of the configured networks")
public @interface MimmConfig {

    String PID = "net.homeagent.mimm";

    @AttributeDefinition(description = "The networks the advisor knows, one per line: id name type prefixes"
            + " mobiles kbit/s (read at activation)")
    String networksFile() default "${karaf.etc}/mimm-networks.conf";

    @AttributeDefinition(description = "Real-time sessions per network for labs, entries <network>=<sessions>/<kbit/s>"
            + " separated by commas")
    String[] staticSessions() default {};

    @AttributeDefinition(description = "Seconds a go advice holds")
    int goHoldSeconds() default 300;

    @AttributeDefinition(description = "Seconds a not-now advice holds: the mobile does not ask for that target again"
            + " before")
    int notNowHoldSeconds() default 30;

    @AttributeDefinition(description = "Seconds a no advice holds")
    int noHoldSeconds() default 600;

    @AttributeDefinition(description = "Alternative networks named in a not-now advice at most (0..8)")
    int maxAlternatives() default 3;

    @AttributeDefinition(description = "Mobiles whose last advice mimm:advice remembers at most")
    int adviceMemory() default 100_000;
}
