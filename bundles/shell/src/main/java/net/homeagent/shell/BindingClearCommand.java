package net.homeagent.shell;

import java.net.Inet4Address;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.RemovalReason;

/** Removes bindings by operator order, like IOS {@code clear ip mobile binding}. */
@Command(scope = "mip", name = "binding-clear",
        description = "Removes the bindings of a home address, or every binding with --all")
@Service
public class BindingClearCommand extends RenderedCommand {

    private static final long DURABLE_WAIT_SECONDS = 30;

    @Reference
    BindingStore store;

    @Argument(index = 0, name = "home-address", description = "The home address whose bindings to remove")
    @Completion(HomeAddressCompleter.class)
    String homeAddress;

    @Option(name = "--all", description = "Remove every binding of every home address")
    boolean all;

    @Override
    String render() {
        if (all == (homeAddress != null)) {
            throw new InvalidArgumentException("Give either a home address or --all");
        }
        if (all) {
            return "Cleared " + plural(store.clear(RemovalReason.CLEARED)) + System.lineSeparator() + durable();
        }
        Inet4Address hoa = AddressArgument.parse(homeAddress);
        int removed = store.removeAll(hoa, RemovalReason.CLEARED).size();
        return "Cleared " + plural(removed) + " of " + hoa.getHostAddress() + System.lineSeparator() + durable();
    }

    /**
     * Waits until the removal is in the backup, as a reply to a deregistration does, so that a
     * cleared binding cannot come back after a crash the moment after; nothing if it is.
     */
    private String durable() {
        try {
            store.sync().toCompletableFuture().get(DURABLE_WAIT_SECONDS, TimeUnit.SECONDS);
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "% Not yet in the binding backup (a crash now would bring them back): " + e + System.lineSeparator();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "% Interrupted before the binding backup had the removal" + System.lineSeparator();
        }
    }

    private static String plural(int count) {
        return count + (count == 1 ? " binding" : " bindings");
    }
}
