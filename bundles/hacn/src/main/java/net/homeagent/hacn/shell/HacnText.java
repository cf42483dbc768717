package net.homeagent.hacn.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import net.homeagent.hacn.Counters;
import net.homeagent.hacn.control.AgentState;
import net.homeagent.hacn.control.ControlCore;
import net.homeagent.hacn.control.ControlCore.AgentView;
import net.homeagent.hacn.control.ControlSettings;
import net.homeagent.mip.api.Binding;

/** The text of the hacn:* commands, from one look at the control node. */
final class HacnText {

    private HacnText() {
    }

    static String status(ControlCore core, Optional<String> checkpoint) {
        ControlSettings s = core.settings();
        StringBuilder out = new StringBuilder();
        out.append(String.format("public address  %s:%d%n", s.publicAddress().getHostAddress(), s.port()));
        out.append(String.format("control node    %s%n", core.pairStatus().orElse("active, no standby control node")));
        out.append(String.format("policy          %s%n", s.choice().name()));
        out.append(String.format("detection       heartbeats %s, silent HAs %s, every HA in turn %s, interrupts%n",
                s.heartbeatMisses() == 0 ? "off" : s.heartbeatMisses() + " x " + s.heartbeat().toMillis() + " ms",
                s.pollSilent() ? "polled" : "failed", s.pollEvery().isZero() ? "off" : s.pollEvery().toMillis() + " ms"));
        List<AgentView> agents = core.view();
        Map<String, Integer> byState = new TreeMap<>();
        agents.forEach(a -> byState.merge(a.state().text(), 1, Integer::sum));
        out.append(String.format("HAs             %d (%d redundant): %s%n", agents.size(),
                agents.stream().filter(AgentView::redundant).count(), byState.toString().replaceAll("[{}]", "")));
        out.append(String.format("in flight       %d requests, %d takeovers%n", core.inFlight(), core.takeoversRunning()));
        out.append(String.format("checkpoint      %s%n", checkpoint.orElse("off (checkpointMillis = 0)")));
        return out.toString();
    }

    static String stats(Counters counters) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> counter : counters.all().entrySet()) {
            out.append(String.format("%-36s %d%n", counter.getKey(), counter.getValue()));
        }
        return out.toString();
    }

    /** The role: active, or redundant with its priority and capacity ({@code -}: no limit), one word. */
    private static String role(AgentView a) {
        return a.redundant() ? "redundant:p" + a.spec().priority() + ":c"
                + (a.spec().capacity() == 0 ? "-" : a.spec().capacity()) : "active";
    }

    static String agents(List<AgentView> agents, Instant now) {
        String format = "%-5s %-21s %-18s %-14s %7s %8s %8s %9s %5s %9s %6s %5s %9s %8s%n";
        StringBuilder out = new StringBuilder(String.format(format, "HA", "peer link", "role", "state", "homes",
                "bindings", "reported", "heard (s)", "load", "requests", "flight", "fails", "successor", "sequence"));
        for (AgentView a : agents) {
            String heard = a.lastHeard().map(at -> String.format(Locale.ROOT, "%.1f",
                    Duration.between(at, now).toMillis() / 1000.0)).orElse("never");
            String successor = a.successor().isPresent() ? Integer.toString(a.successor().getAsInt())
                    : a.awaitingTakeover() ? "awaited" : "-";
            out.append(String.format(format, a.nodeId(),
                    a.spec().address().getAddress().getHostAddress() + ":" + a.spec().address().getPort(), role(a),
                    a.state().text(), a.homeAddresses(), a.bindings(), a.reportedBindings(), heard,
                    a.load().isPresent() ? a.load().getAsInt() + "%" : "-", a.requests(), a.inFlight(), a.detections(),
                    successor, a.sequence()));
        }
        return out.toString();
    }

    static String redundant(List<AgentView> redundant) {
        String format = "%-5s %-21s %-14s %8s %9s %8s %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "HA", "peer link", "state", "priority", "capacity",
                "bindings", "choice"));
        boolean next = true;
        for (AgentView a : redundant) {
            String choice = "-";
            if (a.state() == AgentState.STANDING_BY) {
                choice = next ? "next" : "standing by";
                next = false;
            }
            out.append(String.format(format, a.nodeId(),
                    a.spec().address().getAddress().getHostAddress() + ":" + a.spec().address().getPort(),
                    a.state().text(), a.spec().priority(), a.spec().capacity() == 0 ? "-" : a.spec().capacity(),
                    a.bindings(), choice));
        }
        return out.toString();
    }

    static String snapshot(int ha, List<Binding> mbr, int offset, int limit, Instant now) {
        StringBuilder out = new StringBuilder(String.format("%-15s %-15s %-15s %7s %7s %-10s %5s %s%n", "home",
                "care-of", "home agent", "granted", "left", "tunnel", "flags", "NAI"));
        int end = (int) Math.min(mbr.size(), (long) offset + limit);
        for (Binding b : mbr.subList(Math.min(offset, mbr.size()), end)) {
            String left = b.expiresAt().equals(Instant.MAX) ? "never" : Long.toString(b.remainingSeconds(now));
            String tunnel = b.encapsulation().name().toLowerCase(Locale.ROOT) + (b.reverseTunnel() ? "+rev" : "");
            out.append(String.format("%-15s %-15s %-15s %7d %7s %-10s  0x%02x %s%n", b.homeAddress().getHostAddress(),
                    b.careOfAddress().getHostAddress(), b.homeAgent().getHostAddress(), b.grantedLifetime(), left, tunnel,
                    b.flags(), b.nai().orElse("-")));
        }
        if (offset >= mbr.size()) {
            out.append(String.format("HA %d: %d records, none from offset %d%n", ha, mbr.size(), offset));
        } else {
            out.append(String.format("HA %d: records %d-%d of %d%s%n", ha, offset + 1, end, mbr.size(), end < mbr.size()
                    ? "; next page: hacn:snapshot --offset " + end + " --limit " + limit + " " + ha : ""));
        }
        return out.toString();
    }
}
