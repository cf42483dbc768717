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

    @AttributeDefinition(description = "Where the real-time sessions per network come from: static (staticSessions,"
            + " for labs) or kamailio (a SIP server's active dialogs over JSON-RPC, kamailio* settings)")
    String sessionSource() default "static";

    @AttributeDefinition(description = "Real-time sessions per network for labs, entries <network>=<sessions>/<kbit/s>"
            + " separated by commas (sessionSource = static)")
    String[] staticSessions() default {};

    @AttributeDefinition(description = "kamailio's JSON-RPC endpoint (modules xhttp and jsonrpcs), asked dlg.list"
            + " (sessionSource = kamailio)")
    String kamailioUrl() default "http://127.0.0.1:5071/RPC";

    @AttributeDefinition(description = "Seconds between two dlg.list requests to kamailio")
    int kamailioRefreshSeconds() default 5;

    @AttributeDefinition(description = "Milliseconds kamailio has to accept the connection, and again to answer")
    int kamailioTimeoutMillis() default 2000;

    @AttributeDefinition(description = "Seconds the last good kamailio figures are kept while it fails; then the"
            + " sessions are unknown (not less than the refresh)")
    int kamailioStaleSeconds() default 60;

    @AttributeDefinition(description = "kbit/s of one real-time session leg counted from kamailio's dialogs (80 ="
            + " G.711 at 20 ms with IP, UDP and RTP headers)")
    int sessionKbps() default 80;

    @AttributeDefinition(description = "Seconds between two readings of the data plane's tunnel counters, the forwarded"
            + " kbit/s per network a network's forwarded capacity is judged by (0: not read, never judged)")
    int trafficSampleSeconds() default 5;

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

    // reactive advice (docs/mimm.md "Reactive advice")

    @AttributeDefinition(description = "Address the reactive advice endpoint binds (acks and pulls arrive here,"
            + " advice leaves from here)")
    String reactiveListenAddress() default "0.0.0.0";

    @AttributeDefinition(description = "UDP port of the reactive advice endpoint")
    int reactivePort() default 10434;

    @AttributeDefinition(description = "UDP port mobiles receive reactive advice on, at their home address")
    int mobilePort() default 10434;

    @AttributeDefinition(description = "Receive buffer of the reactive socket, bytes (SO_RCVBUF; the kernel caps it"
            + " at net.core.rmem_max): the acks of a push wait here while the advisor's event loop is busy")
    int reactiveReceiveBufferBytes() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "How advice reaches mobiles: event (when the alert comes), periodic (again"
            + " while it holds, to the mobiles that have not acknowledged it), pull (a mobile asks); comma separated")
    String[] deliveries() default {"event", "periodic", "pull"};

    @AttributeDefinition(description = "Seconds between periodic pushes (and expiry checks) while an alert holds")
    int periodicSeconds() default 30;

    @AttributeDefinition(description = "Reactive advice datagrams (first sends and retransmissions) a second at most")
    int pushRate() default 1000;

    @AttributeDefinition(description = "Reactive advice datagrams sent at once at most (the pace's burst)")
    int pushBurst() default 50;

    @AttributeDefinition(description = "Milliseconds to wait for an ack before the first retransmission; doubled each time")
    int retransmitInitialMillis() default 1000;

    @AttributeDefinition(description = "Sends of one advice in all, the first included, before giving up; the last"
            + " must leave within replayToleranceSeconds of the first (each carries the first one's identification)")
    int retransmitAttempts() default 3;

    @AttributeDefinition(description = "Alert subjects and their networks, entries <subject>=<network>[/<network>...];"
            + " a subject may also be a network's name or id")
    String[] alertSubjects() default {};

    @AttributeDefinition(description = "Seconds between two MIMM_ADVICE events summarising the advice given (0: none);"
            + " MIMM_ALERT events (raised, expired, cleared) are sent one per change")
    int adviceEventSeconds() default 60;

    @AttributeDefinition(description = "Seconds a pull's identification may be off the advisor's clock (RFC 5944 §5.7.1)")
    int replayToleranceSeconds() default 7;
}
