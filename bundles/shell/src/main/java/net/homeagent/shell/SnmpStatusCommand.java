package net.homeagent.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.management.SnmpAgentStatus;
import net.homeagent.mip.api.management.SnmpAgentStatus.Counters;
import net.homeagent.mip.api.management.SnmpAgentStatus.Status;
import net.homeagent.mip.api.management.SnmpAgentStatus.User;

/** The SNMP agent: where it listens, who may use it (never a passphrase or community), its counters. */
@Command(scope = "snmp", name = "status", description = "Shows the SNMP agent: listening address, versions, users"
        + " (without secrets), notification targets, requests and refusals")
@Service
public class SnmpStatusCommand extends RenderedCommand {

    private static final String NL = System.lineSeparator();

    @Reference
    SnmpAgentStatus agent;

    @Override
    String render() {
        Status s = agent.status();
        StringBuilder out = new StringBuilder();
        if (s.listening().isEmpty()) {
            out.append("SNMP agent NOT listening: ").append(s.problem() == null ? "stopped" : s.problem()).append(NL);
        } else {
            out.append("SNMP agent listening on ").append(String.join(", ", s.listening())).append(NL);
            out.append("Engine ID ").append(s.engineId()).append(NL);
            out.append("Versions ").append(String.join(", ", s.versions())).append(NL);
        }
        out.append("Users ").append(s.users().size()).append(NL);
        for (User u : s.users()) {
            out.append("  ").append(u.name()).append(' ').append(u.authProtocol()).append('/').append(u.privProtocol())
                    .append(' ').append(u.securityLevel()).append(' ').append(u.access()).append(NL);
        }
        out.append("Communities (v2c) ").append(s.communities()).append(NL);
        out.append("Notification targets ").append(s.targets().isEmpty() ? "none" : String.join(", ", s.targets()))
                .append(NL);
        Counters c = s.counters();
        out.append("Messages received ").append(c.requests()).append(NL);
        out.append("Refused: bad community ").append(c.badCommunityNames()).append(", community not allowed ")
                .append(c.badCommunityUses()).append(", unknown user ").append(c.unknownUserNames())
                .append(", wrong digest ").append(c.wrongDigests()).append(", decryption errors ")
                .append(c.decryptionErrors()).append(", security level too low ").append(c.unsupportedSecLevels())
                .append(NL);
        out.append("Authentication failures ").append(c.authenticationFailures()).append(NL);
        out.append("Notifications sent ").append(c.notificationsSent()).append(", suppressed by the rate limit ")
                .append(c.notificationsSuppressed()).append(NL);
        return out.toString();
    }
}
