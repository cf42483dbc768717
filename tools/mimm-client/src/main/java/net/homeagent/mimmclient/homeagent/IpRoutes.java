package net.homeagent.mimmclient.homeagent;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import net.homeagent.mimmclient.manager.LinkProfile;
import net.homeagent.mimmclient.manager.Routes;

/**
 * The host's links and default route through iproute2: {@code ip link set dev <if> up} and
 * {@code ip route replace default [via <gateway>] dev <if>} (replace, not add: the default route
 * moves in one step, there is no moment without one); for a subnet group's member, {@link #useMember}.
 * Needs CAP_NET_ADMIN.
 */
public final class IpRoutes implements Routes {

    private static final System.Logger LOG = System.getLogger(IpRoutes.class.getName());

    /** Runs a command; returns its exit status. */
    @FunctionalInterface
    public interface CommandRunner {
        int run(List<String> command) throws IOException, InterruptedException;
    }

    /** Runs the command as a process, its output inherited (the CLI's terminal). */
    public static final CommandRunner PROCESS = command -> new ProcessBuilder(command).inheritIO().start().waitFor();

    private final CommandRunner runner;

    public IpRoutes(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public boolean bringUp(LinkProfile link) {
        return run(List.of("ip", "link", "set", "dev", link.iface(), "up"));
    }

    @Override
    public boolean useDefault(LinkProfile link) {
        List<String> command = new ArrayList<>(List.of("ip", "route", "replace", "default"));
        link.gateway().ifPresent(gateway -> command.addAll(List.of("via", gateway.getHostAddress())));
        command.addAll(List.of("dev", link.iface()));
        return run(command);
    }

    /**
     * A subnet group's member (the shared address may be held by another member), make before break:
     * first a host route to the gateway through the member with the shared address as source; with
     * {@code arp_filter} on (the group's host setting, docs/mimm.md "Client: subnet groups") only the
     * member the gateway's route names answers the access router's ARP for the shared address. Then
     * the host's neighbour entries for the gateway are flushed, on every interface, and one echo
     * request goes to the gateway through the member: it needs the gateway's link-layer address, so the
     * member sends an ARP request whose sender is the shared address and its own hardware address, and
     * the access router updates its neighbour entry for the care-of address at once (RFC 826, merge;
     * Linux overrides an entry for the sender of a request addressed to it). The same effect as the
     * gratuitous ARP of an active-backup bond, without the bonding driver this kernel lacks. This comes
     * before the default route moves: until then only the echo leaves by the member, so its ARP
     * request is the one that carries the shared address. Were the default route moved first, a reply
     * of the mobile's (home address as source) could reach the member's empty neighbour entry first:
     * the ARP request would then name the home address, the echo would wait on it, and the router
     * would keep sending to the old member (seen in CI). Only then the default route moves, and the
     * gateway's entries are flushed once more: the old member's entry, in use a moment ago, would
     * otherwise be revalidated by a unicast ARP probe from the old member with the shared address as
     * sender, and the access router would move the address back to it (seen on this kernel about 2 s
     * after a move). The echo's outcome is only logged.
     */
    @Override
    public boolean useMember(LinkProfile member) {
        String gateway = member.gateway().orElseThrow(() -> new IllegalArgumentException(member.iface()
                + ": a subnet group's member needs its gateway")).getHostAddress();
        String source = member.careOf().getHostAddress();
        if (!run(List.of("ip", "route", "replace", gateway + "/32", "dev", member.iface(), "src", source))) {
            return false;
        }
        run(List.of("ip", "neigh", "flush", "to", gateway));
        run(List.of("ping", "-n", "-q", "-c", "1", "-W", "1", "-I", member.iface(), gateway));
        if (!run(List.of("ip", "route", "replace", "default", "via", gateway, "dev", member.iface(), "src",
                source))) {
            return false;
        }
        run(List.of("ip", "neigh", "flush", "to", gateway));
        return true;
    }

    private boolean run(List<String> command) {
        try {
            int status = runner.run(command);
            if (status != 0) {
                LOG.log(Level.WARNING, "{0} exited with {1}", String.join(" ", command), status);
            }
            return status == 0;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0} could not run: {1}", String.join(" ", command), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
