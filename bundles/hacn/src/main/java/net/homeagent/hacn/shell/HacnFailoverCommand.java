package net.homeagent.hacn.shell;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.hacn.control.ControlCore;
import net.homeagent.hacn.control.OperatorRefusal;

@Command(scope = "hacn", name = "failover", description = "Switches an active HA over to the best redundant HA (for"
        + " maintenance): its mobile nodes' bindings are downloaded there, then the HA stands by as a redundant HA."
        + " Waits until the download starts, or up to switchoverWaitMillis for the HA's MBR to be its whole table,"
        + " else refuses and the HA serves on")
@Service
public class HacnFailoverCommand extends HacnCommand {

    /**
     * Past the control node's own bound, which its tick keeps: this only keeps a control node that
     * stopped ticking (no longer the active one of a pair) from holding the shell.
     */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    @Argument(index = 0, name = "ha", description = "The active HA's node id", required = true)
    int ha;

    @Override
    String render(ControlCore core) {
        ControlCore.SwitchoverOrder order = core.failover(ha);
        // the operator sees it start while the control node waits for the HA's requests, poll and MBR
        System.out.println(order.started());
        System.out.flush();
        Duration wait = core.settings().switchoverWait().plus(MARGIN);
        try {
            return order.prepared().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS)
                    + System.lineSeparator();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OperatorRefusal refusal) {
                throw refusal;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            return "HA " + ha + " still switching over after " + wait.toMillis() + " ms; see hacn:agents"
                    + System.lineSeparator();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not waiting any more; see hacn:agents" + System.lineSeparator();
        }
    }
}
