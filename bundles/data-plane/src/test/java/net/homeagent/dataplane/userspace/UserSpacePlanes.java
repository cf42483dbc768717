package net.homeagent.dataplane.userspace;

import java.util.List;

import net.homeagent.dataplane.host.Announcer;
import net.homeagent.dataplane.host.HomeRoutes;

/** A user-space data plane without TUN device and sockets, for tests of the planes around it. */
public final class UserSpacePlanes {

    private UserSpacePlanes() {
    }

    /** Routes into "mip0" through {@code routes}; forwards nothing. */
    public static UserSpaceDataPlane withoutDevice(HomeRoutes routes, Announcer announcer) {
        return new UserSpaceDataPlane(new TunnelTable(434), new Drops(), routes, announcer, "mip0", (m, s, r) -> { },
                () -> { }, List::of);
    }
}
