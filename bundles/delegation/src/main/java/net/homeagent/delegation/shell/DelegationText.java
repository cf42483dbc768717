package net.homeagent.delegation.shell;

import java.util.List;
import java.util.Map;

import net.homeagent.delegation.PeerAddress;
import net.homeagent.delegation.Tally;
import net.homeagent.delegation.pha.LoadSettings;
import net.homeagent.delegation.pha.PhaCount;
import net.homeagent.delegation.pha.PrimaryAgent;
import net.homeagent.delegation.pha.PrimaryAgent.ShaView;
import net.homeagent.delegation.sha.SecondaryAgent;
import net.homeagent.delegation.sha.SecondaryAgent.EntryView;
import net.homeagent.delegation.sha.ShaCount;
import net.homeagent.mip.api.TunnelCounters;

/** The delegation:* commands' text, from one look at the PHA or the SHA; no side effect. */
public final class DelegationText {

    private DelegationText() {
    }

    public static String primaryStatus(PrimaryAgent pha) {
        StringBuilder out = new StringBuilder();
        out.append("role: primary home agent\n");
        out.append("policy: ").append(pha.policies().active().name()).append(" (known: ")
                .append(String.join(", ", pha.policies().names())).append(")\n");
        out.append("order: ").append(pha.settings().order().text()).append(", ack timeout ")
                .append(pha.settings().ackTimeout().toMillis()).append(" ms, heartbeat ")
                .append(pha.settings().heartbeat().toMillis()).append(" ms x ").append(pha.settings().heartbeatMisses())
                .append('\n');
        LoadSettings load = pha.settings().load();
        out.append("load: every ").append(load.interval().toMillis()).append(" ms, move above ").append(load.moveAbove())
                .append(" and return below ").append(load.returnBelow()).append(" packets per interval, at most ")
                .append(load.maxMovesPerInterval()).append(" moves per interval, hold ").append(load.holdIntervals())
                .append(" intervals, even band ").append(load.evenBandPercent()).append(" %\n");
        List<PrimaryAgent.DelegationView> delegations = pha.delegations();
        long accepted = delegations.stream().filter(PrimaryAgent.DelegationView::accepted).count();
        int inFlight = pha.shas().stream().mapToInt(ShaView::inFlight).sum();
        int queued = pha.shas().stream().mapToInt(ShaView::queued).sum();
        out.append("delegated: ").append(accepted).append(" accepted, ").append(delegations.size() - accepted)
                .append(" on their way (Starts: ").append(inFlight).append(" in flight, ").append(queued)
                .append(" queued; window ").append(pha.settings().startsInFlight()).append(" per SHA); ")
                .append(pha.changesWaiting()).append(" binding changes not applied yet\n");
        counters(out, pha.counts());
        return out.toString();
    }

    public static String secondaryStatus(SecondaryAgent sha) {
        StringBuilder out = new StringBuilder();
        out.append("role: secondary home agent of PHA ").append(PeerAddress.text(sha.settings().pha())).append('\n');
        out.append("capacity: ").append(sha.settings().capacity() == 0 ? "unlimited" : sha.settings().capacity())
                .append('\n');
        List<EntryView> entries = sha.entries();
        out.append("entries: ").append(entries.size()).append('\n');
        for (EntryView e : entries) {
            out.append(String.format("  %-15s -> %-15s source %-15s %-8s%s %s%s%n",
                    e.entry().tunnel().homeAddress().getHostAddress(), e.entry().tunnel().careOfAddress().getHostAddress(),
                    e.entry().tunnel().source().getHostAddress(), e.entry().tunnel().encapsulation(),
                    e.entry().tunnel().reverseTunnel() ? " reverse" : "",
                    e.secondsLeft().map(s -> s + " s left").orElse("never expires"),
                    e.counters().map(DelegationText::traffic).orElse("")));
        }
        counters(out, sha.counts());
        return out.toString();
    }

    private static String traffic(TunnelCounters c) {
        return ", " + c.packetsTunnelled() + " packets tunnelled, " + c.packetsReverse() + " reverse";
    }

    public static String shas(PrimaryAgent pha) {
        StringBuilder out = new StringBuilder(String.format("%-6s %-22s %-8s %8s %8s %8s %8s %8s %8s %10s %6s %10s%n",
                "sha", "address", "state", "mobiles", "starting", "inflight", "queued", "reported", "capacity",
                "heard(ms)", "fails", "packets"));
        for (ShaView v : pha.shas()) {
            out.append(String.format("%-6d %-22s %-8s %8d %8d %8d %8d %8d %8s %10s %6d %10s%n", v.node().nodeId(),
                    v.node().address().getAddress().getHostAddress() + ":" + v.node().address().getPort(),
                    v.state().text(), v.mobiles(), v.starting(), v.inFlight(), v.queued(), v.reported(),
                    v.capacity() == 0 ? "-" : Long.toString(v.capacity()),
                    v.sinceHeard().map(d -> Long.toString(d.toMillis())).orElse("never"), v.failures(),
                    v.packets().isPresent() ? Long.toString(v.packets().getAsLong()) : "-"));
        }
        out.append("(starting: mobiles on their way, not accepted yet; inflight: Starts awaiting the SHA's ack, at most ")
                .append(pha.settings().startsInFlight()).append("; queued: Starts waiting at the PHA for room, the PHA"
                        + " forwards those mobiles meanwhile; packets: forwarded in the last load interval of ")
                .append(pha.settings().load().interval().toMillis()).append(" ms, from the SHA's Load Reports)\n");
        return out.toString();
    }

    private static <E extends Enum<E>> void counters(StringBuilder out, Tally<E> tally) {
        out.append("counters:\n");
        for (Map.Entry<E, Long> c : tally.all().entrySet()) {
            String name = c.getKey() instanceof PhaCount p ? p.text() : ((ShaCount) c.getKey()).text();
            out.append("  ").append(name).append(": ").append(c.getValue()).append('\n');
        }
    }
}
