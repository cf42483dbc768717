package net.homeagent.group.shell;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import net.homeagent.group.GroupStatus;
import net.homeagent.group.GroupStatus.Member;
import net.homeagent.group.GroupStatus.Snapshot;

/** The text of the group:* commands, from one {@link Snapshot}. */
final class GroupText {

    private static final String NL = System.lineSeparator();

    private GroupText() {
    }

    static String status(Snapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("Group member ").append(s.nodeId()).append(": ").append(s.state().label().toUpperCase())
                .append(s.passive() ? " (passive)" : "").append(NL);
        out.append("    VRRP instance ").append(s.vrrpInstance()).append(", virtual address ")
                .append(s.virtualAddress().isBlank() ? "(not configured)" : s.virtualAddress()).append(NL);
        out.append("    replies wait for the group: ").append(s.replyWaitsForGroup() ? "yes" : "no")
                .append(", term ").append(s.term())
                .append(", last change sent #").append(s.lastSequence()).append(", home addresses awaiting acks ")
                .append(s.unacknowledged()).append(", tombstones ").append(s.tombstones()).append(NL);
        out.append("    last learn: ").append(s.lastLearn().map(GroupText::learn).orElse("none yet")).append(NL);
        out.append(members(s));
        return out.toString();
    }

    private static String learn(GroupStatus.LastLearn l) {
        return l.from().map(node -> "from node " + node + ", " + l.bindings() + " bindings in " + l.chunks()
                + " chunks, kept newer " + l.keptNewer() + ", removed " + l.removed() + ", took " + millis(l.took())
                + " (writing the table " + millis(l.importing()) + ")")
                .orElse("nobody answered: alone, own backup, took " + millis(l.took())) + ", at " + l.at();
    }

    static String members(Snapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("Members known: ").append(s.members().size()).append(NL);
        if (!s.members().isEmpty()) {
            out.append(String.format("    %-6s %-21s %-8s %-10s %-8s %-8s %-8s %s%n", "node", "address", "state",
                    "heard", "sent", "lag", "failed", "lagging"));
        }
        for (Member m : s.members()) {
            out.append(String.format("    %-6d %-21s %-8s %-10s %-8d %-8d %-8d %s%n", m.nodeId(), m.address(),
                    m.state().label(), (m.alive() ? "" : "SILENT ") + millis(m.sinceHeard()) + " ago", m.sent(), m.lag(),
                    m.failed(), m.lagging() ? "yes (" + m.lagged() + " replies went without it)" : "no"));
        }
        return out.toString();
    }

    static String stats(Snapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("Group member ").append(s.nodeId()).append(" counters:").append(NL);
        for (Map.Entry<String, Long> counter : new TreeMap<>(s.counters()).entrySet()) {
            out.append(String.format("    %-32s %d%n", counter.getKey(), counter.getValue()));
        }
        return out.toString();
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
