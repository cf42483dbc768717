package net.homeagent.mip6.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The IPv6 binding cache, one line per home registration. */
@Command(scope = "mip6", name = "bindings", description = "Lists the MIPv6 binding caches (home agent, correspondent node)")
@Service
public class BindingsCommand extends Mip6Command {

    @Override
    String render() {
        return Mip6Text.bindings(view);
    }
}
