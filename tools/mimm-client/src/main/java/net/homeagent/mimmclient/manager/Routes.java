package net.homeagent.mimmclient.manager;

/**
 * The host's links and routing table as the handoff needs them. The real one is
 * {@code IpRoutes} ({@code ip link}, {@code ip route replace}); the simulation and the tests keep them
 * in memory ({@code InMemoryRoutes}).
 */
public interface Routes {

    /** Brings the link up so that it can carry the registration; false if that failed. */
    boolean bringUp(LinkProfile link);

    /** Makes the link the default route: from now on traffic leaves through it; false if that failed. */
    boolean useDefault(LinkProfile link);

    /**
     * Makes {@code member}, a link of a subnet group (links sharing a care-of address), the default
     * route with the shared address as source, and makes the access network deliver that address to
     * it from now on; false if the route could not move.
     */
    boolean useMember(LinkProfile member);
}
