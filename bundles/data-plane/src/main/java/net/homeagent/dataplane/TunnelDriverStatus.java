package net.homeagent.dataplane;

import java.util.List;

/**
 * The binding driver's counters as lines of the data plane's status, which is what {@code mip:dataplane}
 * shows: a service inside this bundle only ({@link DataPlaneComponent} adds the lines to its own).
 */
public interface TunnelDriverStatus {

    List<String> facts();
}
