package net.homeagent.mimm.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mimm.AdvisorView;

/** The last advice given to one mobile. */
@Command(scope = "mimm", name = "advice", description = "Shows the last handoff advice given to a mobile")
@Service
public class AdviceCommand implements Action {

    @Reference
    AdvisorView view;

    @Argument(index = 0, name = "home-address", description = "The mobile's home address", required = true)
    String homeAddress;

    @Override
    public Object execute() {
        try {
            System.out.print(AdvisorText.advice(view, homeAddress));
        } catch (IllegalArgumentException e) {
            // one line marked '%' on the output, as the mip:* commands answer a typing mistake
            System.out.println("% " + e.getMessage());
        }
        return null;
    }
}
