package net.homeagent.mimm.reactive;

/** The counters of reactive advice ({@code mimm:alerts}). */
enum ReactiveCount {
    /** Alerts kept (a valid mimmAlert trap or event). */
    ALERTS_RAISED,
    /** Alerts refused (a missing or bad value, an unknown subject); by problem in the problem counters. */
    ALERTS_BAD,
    /** NETWORK_ALERT traps of another MIB, left alone. */
    TRAPS_NOT_OURS,
    ALERTS_CLEARED,
    ALERTS_EXPIRED,
    /** Advice queued for a mobile (event or periodic push). */
    ADVICE_QUEUED,
    /** Pushes for a mobile that registered or moved into a network under an alert (counted in ADVICE_QUEUED too once queued). */
    ADVICE_ON_ARRIVAL,
    /** A push for a mobile that still had the same alert's advice queued or unacknowledged. */
    ADVICE_COALESCED,
    /** Periodic pushes not made: the mobile acknowledged that alert's advice already. */
    REMINDER_NOT_NEEDED,
    /** Advice datagrams sent the first time. */
    ADVICE_SENT,
    ADVICE_RETRANSMITTED,
    ADVICE_ACKED,
    /** Advice unacknowledged after every retransmission. */
    ADVICE_GAVE_UP,
    /** Queued advice not sent because its alert expired or was cleared meanwhile. */
    ADVICE_ALERT_GONE,
    /** Advice replaced by a newer alert's before it was acknowledged. */
    ADVICE_SUPERSEDED,
    /** Acks for nothing outstanding (late, duplicate, or of a superseded advice). */
    ACKS_UNMATCHED,
    PULLS,
    PULLS_ANSWERED_ADVICE,
    PULLS_ANSWERED_NOTHING,
    /** Acks and pulls whose authenticator is wrong or whose security association is unknown. */
    INBOUND_NOT_AUTHENTIC,
    /** Pulls whose identification is not new or not near the advisor's clock (RFC 5944 §5.7.1). */
    PULLS_REPLAYED,
    /** Datagrams that do not decode, or are not an ack or a pull. */
    INBOUND_MALFORMED,
    /** Mobiles in an alerted network without an MN-HA security association: not advised. */
    NO_SECURITY_ASSOCIATION,
    /** Pulls refused because the pull delivery is not configured. */
    PULLS_DISABLED,
    /** Advice datagrams the socket could not send (no route, ...). */
    SEND_FAILED,
    /** Pulls of a mobile with no binding (nothing to say which network it is in). */
    PULLS_NOT_REGISTERED
}
