package net.homeagent.mimmclient.simulation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.homeagent.mimmclient.manager.LinkProfile;
import net.homeagent.mimmclient.manager.Routes;

/**
 * Links and the default route kept in memory, every call recorded in order ({@code up <if>},
 * {@code default <if>}): the routing table of the simulation, and the tests' view of the order in
 * which a handoff touched the host.
 */
public final class InMemoryRoutes implements Routes {

    private final List<String> calls = new ArrayList<>();
    private final Set<String> up = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private String defaultRoute;

    @Override
    public boolean bringUp(LinkProfile link) {
        calls.add("up " + link.iface());
        if (failing.contains(link.iface())) {
            return false;
        }
        up.add(link.iface());
        return true;
    }

    @Override
    public boolean useDefault(LinkProfile link) {
        calls.add("default " + link.iface());
        if (!up.contains(link.iface())) {
            // as the kernel: no route through a link that is down
            return false;
        }
        defaultRoute = link.iface();
        return true;
    }

    @Override
    public boolean useMember(LinkProfile member) {
        calls.add("member " + member.iface());
        if (!up.contains(member.iface())) {
            return false;
        }
        defaultRoute = member.iface();
        return true;
    }

    /** From now on bringing {@code iface} up fails (a radio that will not associate). */
    public void failBringingUp(String iface) {
        failing.add(iface);
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public Optional<String> defaultRoute() {
        return Optional.ofNullable(defaultRoute);
    }
}
