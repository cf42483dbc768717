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
 * moves in one step, there is no moment without one). Needs CAP_NET_ADMIN.
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
