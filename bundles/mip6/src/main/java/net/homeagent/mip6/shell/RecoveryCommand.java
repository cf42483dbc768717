package net.homeagent.mip6.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Binding recovery's progress: total, validated, deleted, pending, rate. */
@Command(scope = "mip6", name = "recovery", description = "Shows the progress of binding cache recovery")
@Service
public class RecoveryCommand extends Mip6Command {

    @Override
    String render() {
        return Mip6Text.recovery(view);
    }
}
