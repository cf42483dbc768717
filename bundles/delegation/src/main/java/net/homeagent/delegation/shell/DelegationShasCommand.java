package net.homeagent.delegation.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "delegation", name = "shas", description = "The PHA's SHAs: state, mobiles accepted and starting,"
        + " what their heartbeat reports, capacity, time since heard, failures")
@Service
public class DelegationShasCommand extends DelegationCommand {

    @Override
    public Object execute() {
        print(pha().map(DelegationText::shas).orElse(notPrimary()));
        return null;
    }
}
