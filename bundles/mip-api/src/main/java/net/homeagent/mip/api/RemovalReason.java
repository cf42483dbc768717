package net.homeagent.mip.api;

/** Why a binding left the table. */
public enum RemovalReason {
    /** The mobile node deregistered (lifetime 0 or care-of address = home address, RFC 5944 §3.8.3.1). */
    DEREGISTERED,
    /** Its lifetime ran out (RFC 5944 §3.8.3). */
    EXPIRED,
    /** A registration without the S flag replaced the node's other bindings (RFC 5944 §3.6.1.2). */
    REPLACED,
    /** An operator cleared it. */
    CLEARED
}
