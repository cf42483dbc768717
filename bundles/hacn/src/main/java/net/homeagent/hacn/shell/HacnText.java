package net.homeagent.hacn.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import net.homeagent.hacn.control.ControlCore;
import net.homeagent.hacn.control.ControlCore.AgentView;
import net.homeagent.hacn.control.ControlSettings;
import net.homeagent.mip.api.Binding;

/** The text of the hacn:* commands, from one look at the control node. */
final class HacnText {

    private HacnText() {
    }

    static String status(ControlCore core) {
        ControlSettings s = core.settings();
        StringBuilder out = new StringBuilder();
        out.append(String.format("public address  %s:%d%n", s.publicAddress().getHostAddress(), s.port()));
        out.append(String.format("policy          %s%n", s.choice().name()));
        out.append(String.format("detection       heartbeats %s, silent HAs %s, every HA in turn %s, interrupts%n",
                s.heartbeatMisses() == 0 ? "off" : s.heartbeatMisses() + " x " + s.heartbeat().toMillis() + " ms",
                s.pollSilent() ? "polled" : "failed", s.pollEvery().isZero() ? "off" : s.pollEvery().toMillis() + " ms"));
        List<AgentView> agents = core.view();
        out.append(String.format("HAs             %d (%d redundant)%n", agents.size(),
                agents.stream().filter(a -> a.spec().redundant()).count()));
        out.append(String.format("in flight       %d requests, %d takeovers%n", core.inFlight(), core.takeoversRunning()));
        for (Map.Entry<String, Long> counter : core.counters().all().entrySet()) {
            out.append(String.format("  %-36s %d%n", counter.getKey(), counter.getValue()));
        }
        return out.toString();
    }

    static String agents(List<AgentView> agents, Instant now) {
        StringBuilder out = new StringBuilder(String.format("%-6s %-21s %-20s %-12s %8s %8s %8s %10s %6s %9s %8s%n",
                "HA", "peer link", "role", "state", "homes", "bindings", "reported", "heard (s)", "fails",
                "successor", "sequence"));
        for (AgentView a : agents) {
            String role = a.spec().redundant() ? "redundant p" + a.spec().priority() + " c"
                    + (a.spec().capacity() == 0 ? "-" : a.spec().capacity()) : "active";
            String heard = a.lastHeard().map(at -> String.format("%.1f", Duration.between(at, now).toMillis() / 1000.0))
                    .orElse("never");
            out.append(String.format("%-6d %-21s %-20s %-12s %8d %8d %8d %10s %6d %9s %8d%n", a.nodeId(),
                    a.spec().address().getAddress().getHostAddress() + ":" + a.spec().address().getPort(), role,
                    a.state().text(), a.homeAddresses(), a.bindings(), a.reportedBindings(), heard, a.detections(),
                    a.successor().isPresent() ? Integer.toString(a.successor().getAsInt()) : "-", a.sequence()));
        }
        return out.toString();
    }

    static String bindings(ControlCore core, OptionalInt ha, Instant now) {
        StringBuilder out = new StringBuilder(String.format("%-6s %-15s %-15s %-15s %7s %7s %-10s %5s %s%n", "HA",
                "home", "care-of", "home agent", "granted", "left", "tunnel", "flags", "NAI"));
        for (AgentView a : core.view()) {
            if (ha.isPresent() && ha.getAsInt() != a.nodeId()) {
                continue;
            }
            for (Binding b : core.bindings(OptionalInt.of(a.nodeId()))) {
                String left = b.expiresAt().equals(Instant.MAX) ? "never" : Long.toString(b.remainingSeconds(now));
                String tunnel = b.encapsulation().name().toLowerCase(java.util.Locale.ROOT)
                        + (b.reverseTunnel() ? "+rev" : "");
                out.append(String.format("%-6d %-15s %-15s %-15s %7d %7s %-10s  0x%02x %s%n", a.nodeId(),
                        b.homeAddress().getHostAddress(), b.careOfAddress().getHostAddress(),
                        b.homeAgent().getHostAddress(), b.grantedLifetime(), left, tunnel, b.flags(),
                        b.nai().orElse("-")));
            }
        }
        return out.toString();
    }
}
