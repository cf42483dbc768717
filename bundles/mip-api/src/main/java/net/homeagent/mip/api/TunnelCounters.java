package net.homeagent.mip.api;

/**
 * Traffic of one binding since it was installed.
 *
 * @param packetsTunnelled datagrams for the home address sent into the tunnel
 * @param bytesTunnelled   their octets, inner datagrams only (without the outer headers)
 * @param packetsReverse   datagrams from the care-of address decapsulated and forwarded (RFC 3024)
 * @param bytesReverse     their octets, inner datagrams only
 * @param refusedReverse   tunnelled datagrams refused: inner source not the home address, or reverse
 *                         tunnelling not granted (RFC 3024 §4.2.1, §4.3)
 * @param scope            whether these are this binding's own, or the tunnel's it shares with other
 *                         bindings (a kernel tunnel per care-of address counts per device)
 */
public record TunnelCounters(long packetsTunnelled, long bytesTunnelled, long packetsReverse, long bytesReverse,
        long refusedReverse, Scope scope) {

    public enum Scope {
        /** Counted for this binding alone. */
        BINDING,
        /** Counted by a tunnel device every binding at the same care-of address shares. */
        SHARED_TUNNEL
    }
}
