package net.homeagent.ha.registration;

/**
 * Where the registration path counts what it does (implemented by
 * {@link net.homeagent.ha.statistics.HomeAgentStatistics}). Registered as a service inside this
 * bundle only, so that the transport and the processor reach the one set of counters.
 */
public interface RegistrationRecorder {

    /** A datagram reached the registration path. */
    void requestReceived();

    /** A reply with {@code code} was produced. */
    void replied(int code);

    /** A request was refused for {@code reason} (a {@link RefusalReason#shortName()}, maybe qualified). */
    void refused(String reason);

    /** A datagram was dropped without an answer for {@code reason}. */
    void discarded(String reason);

    /** A deregistration was accepted. */
    void deregistered();
}
