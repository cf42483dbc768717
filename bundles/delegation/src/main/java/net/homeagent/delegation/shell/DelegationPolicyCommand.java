package net.homeagent.delegation.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.delegation.pha.Policies;

@Command(scope = "delegation", name = "policy", description = "Shows the active delegation policy, or switches to"
        + " another (mobiles already delegated stay where they are)")
@Service
public class DelegationPolicyCommand extends DelegationCommand {

    @Argument(index = 0, name = "name", description = "equal-split or manual", required = false)
    String name;

    @Override
    public Object execute() {
        if (pha().isEmpty()) {
            print(notPrimary());
            return null;
        }
        Policies policies = pha().get().policies();
        if (name != null) {
            try {
                policies.select(name);
            } catch (IllegalArgumentException e) {
                print("refused: " + e.getMessage() + "\n");
                return null;
            }
        }
        print("policy: " + policies.active().name() + " (known: " + String.join(", ", policies.names()) + ")\n");
        return null;
    }
}
