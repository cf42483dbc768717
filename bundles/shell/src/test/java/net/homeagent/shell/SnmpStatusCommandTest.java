package net.homeagent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.management.SnmpAgentStatus;
import net.homeagent.mip.api.management.SnmpAgentStatus.Counters;
import net.homeagent.mip.api.management.SnmpAgentStatus.Status;
import net.homeagent.mip.api.management.SnmpAgentStatus.User;

class SnmpStatusCommandTest {

    @Test
    void showsListeningUsersAndRefusals() {
        SnmpStatusCommand command = new SnmpStatusCommand();
        command.agent = () -> new Status(List.of("udp:127.0.0.1/16161"), null, "80001f8804", List.of("v3"),
                List.of(new User("ops", "SHA-256", "AES-128", "authPriv", "read-only")), 0,
                List.of("udp:127.0.0.1/16162 v3 ops"), new Counters(12, 0, 0, 3, 2, 0, 0, 1, 4));
        String out = command.render();
        assertThat(out).contains("listening on udp:127.0.0.1/16161", "Versions v3",
                "ops SHA-256/AES-128 authPriv read-only", "unknown user 3", "wrong digest 2",
                "Authentication failures 5", "Notifications sent 1, suppressed by the rate limit 4");
    }

    @Test
    void saysWhyTheAgentIsNotListening() {
        SnmpStatusCommand command = new SnmpStatusCommand();
        SnmpAgentStatus stopped = () -> new Status(List.of(), "line 3: user ops: the authentication passphrase must"
                + " have at least 8 characters", "", List.of(), List.of(), 0, List.of(),
                new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0));
        command.agent = stopped;
        assertThat(command.render()).startsWith("SNMP agent NOT listening: line 3");
    }
}
