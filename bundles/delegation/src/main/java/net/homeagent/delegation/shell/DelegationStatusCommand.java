package net.homeagent.delegation.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "delegation", name = "status", description = "The delegation role of this appliance (PHA or SHA):"
        + " settings, entries, counters")
@Service
public class DelegationStatusCommand extends DelegationCommand {

    @Override
    public Object execute() {
        StringBuilder out = new StringBuilder();
        pha().ifPresent(p -> out.append(DelegationText.primaryStatus(p)));
        sha().ifPresent(s -> out.append(DelegationText.secondaryStatus(s)));
        print(out.length() == 0 ? neither() : out.toString());
        return null;
    }
}
