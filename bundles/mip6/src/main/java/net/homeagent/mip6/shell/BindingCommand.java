package net.homeagent.mip6.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Every field of one home address's entry, and where binding recovery stands with it. */
@Command(scope = "mip6", name = "binding", description = "Shows one home address's MIPv6 binding cache entries (home agent, correspondent node)")
@Service
public class BindingCommand extends Mip6Command {

    @Argument(index = 0, name = "home-address", description = "the mobile node's IPv6 home address", required = true)
    String homeAddress;

    @Override
    String render() {
        return Mip6Text.binding(view, homeAddress);
    }
}
