package net.homeagent.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;

/** Completes a home address argument with the home addresses that have bindings now. */
@Service
public class HomeAddressCompleter implements Completer {

    @Reference
    BindingStore store;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(homeAddresses()).complete(session, commandLine, candidates);
    }

    /** Each home address once, in the store's order (by address). */
    List<String> homeAddresses() {
        return store.list(b -> true).stream().map(Binding::homeAddress).map(BindingText::address).distinct()
                .toList();
    }
}
