package net.homeagent.hacn.shell;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.hacn.control.ControlCore;

@Command(scope = "hacn", name = "agents", description = "Lists the control node's HAs: role, state, home addresses and"
        + " bindings in its MBR snapshot and as its heartbeat reports them, heartbeat age, load, requests,"
        + " failures detected, successor")
@Service
public class HacnAgentsCommand extends HacnCommand {

    @Override
    String render(ControlCore core) {
        return HacnText.agents(core.view(), Instant.now());
    }
}
