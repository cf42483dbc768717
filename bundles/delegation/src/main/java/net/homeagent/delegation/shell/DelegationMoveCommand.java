package net.homeagent.delegation.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.codec.wire.Ipv4;

@Command(scope = "delegation", name = "move", description = "Moves a mobile to an SHA (its node id) or back to the PHA"
        + " (pha: no policy delegates it again until it deregisters)")
@Service
public class DelegationMoveCommand extends DelegationCommand {

    @Argument(index = 0, name = "home", description = "The mobile's home address", required = true)
    String home;

    @Argument(index = 1, name = "target", description = "An SHA's node id, or pha", required = true)
    String target;

    @Override
    public Object execute() {
        if (pha().isEmpty()) {
            print(notPrimary());
            return null;
        }
        var address = Ipv4.parse(home);
        if (address.isEmpty()) {
            print("not an IPv4 address: " + home + "\n");
            return null;
        }
        try {
            print(pha().get().move(address.get(), target) + "\n");
        } catch (IllegalArgumentException e) {
            print("refused: " + e.getMessage() + "\n");
        }
        return null;
    }
}
