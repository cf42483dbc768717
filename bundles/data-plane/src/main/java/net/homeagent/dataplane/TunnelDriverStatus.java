package net.homeagent.dataplane;

import java.util.List;

/**
 * The binding driver's counters as lines of the data plane's status, which is what {@code mip:dataplane}
 * shows. Inside this bundle only, and not a service: the driver hands itself to the data plane it
 * drives ({@link Board}), because a reference from {@link DataPlaneComponent} back to the driver, which
 * references the data plane, is a circle Declarative Services reports as an error while it binds.
 */
public interface TunnelDriverStatus {

    List<String> facts();

    /** A data plane that shows its driver's status with its own. */
    interface Board {

        void show(TunnelDriverStatus driver);

        void withdraw(TunnelDriverStatus driver);
    }
}
