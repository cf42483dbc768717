package net.homeagent.mimm.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The last advice given to one mobile. */
@Command(scope = "mimm", name = "advice", description = "Shows the last handoff advice given to a mobile")
@Service
public class AdviceCommand extends AdvisorCommand {

    @Argument(index = 0, name = "home-address", description = "The mobile's home address", required = true)
    String homeAddress;

    @Override
    String render() {
        return AdvisorText.advice(view, homeAddress);
    }
}
