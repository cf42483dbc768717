package net.homeagent.delegation.shell;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import net.homeagent.delegation.pha.PhaConfig;
import net.homeagent.delegation.pha.PrimaryAgent;
import net.homeagent.delegation.pha.PrimaryRole;
import net.homeagent.delegation.sha.SecondaryAgent;
import net.homeagent.delegation.sha.SecondaryRole;
import net.homeagent.delegation.sha.ShaConfig;

/** A delegation:* command: the roles are optional, since an appliance is a PHA, an SHA, or neither. */
abstract class DelegationCommand implements Action {

    @Reference(optional = true)
    PrimaryRole primary;

    @Reference(optional = true)
    SecondaryRole secondary;

    Optional<PrimaryAgent> pha() {
        return primary == null ? Optional.empty() : primary.agent();
    }

    Optional<SecondaryAgent> sha() {
        return secondary == null ? Optional.empty() : secondary.agent();
    }

    static String notPrimary() {
        return "not a primary home agent (enabled=false in etc/" + PhaConfig.PID + ".cfg)\n";
    }

    static String neither() {
        return "delegation off: neither a primary (etc/" + PhaConfig.PID + ".cfg) nor a secondary (etc/"
                + ShaConfig.PID + ".cfg) home agent\n";
    }

    static void print(String text) {
        System.out.print(text);
        System.out.flush();
    }
}
