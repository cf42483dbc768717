package net.homeagent.mimm.shell;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import net.homeagent.mimm.AdvisorView;
import net.homeagent.mimm.AdvisorView.NetworkStatus;
import net.homeagent.mimm.GivenAdvice;
import net.homeagent.mimm.MimmStatistics;
import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.RequestHandoff;

/** The text of the {@code mimm:*} commands, kept apart from Karaf so that it is tested as plain code. */
final class AdvisorText {

    private static final String NL = System.lineSeparator();

    private AdvisorText() {
    }

    static String networks(AdvisorView view) {
        StringBuilder out = new StringBuilder("Real-time sessions: " + view.sessionSource() + NL);
        out.append(String.format(Locale.ROOT, "%-6s %-14s %-10s %-9s %-12s %-10s %-16s %s%n",
                "Id", "Name", "Type", "Mobiles", "Sessions", "kbit/s", "Forwarded kbit/s", "Care-of prefixes"));
        boolean known = view.sessionsKnown();
        for (NetworkStatus s : view.networks()) {
            out.append(String.format(Locale.ROOT, "%-6d %-14s %-10s %-9s %-12s %-10s %-16s %s%n", s.network().id(),
                    s.network().name(), s.network().type().label(),
                    s.mobiles() + "/" + s.network().capacityMobiles(),
                    known ? String.valueOf(s.sessions().sessions()) : "unknown",
                    (known ? String.valueOf(s.sessions().kbps()) : "?") + "/" + s.network().capacityKbps(),
                    forwarded(s),
                    s.network().careOfPrefixes().stream().map(Object::toString).collect(Collectors.joining(","))));
        }
        return out.toString();
    }

    /** Forwarded kbit/s over the last interval / the network's forwarded capacity; "?" unknown, "-" not judged. */
    private static String forwarded(NetworkStatus s) {
        String now = s.forwardedKbps().isPresent() ? String.valueOf(s.forwardedKbps().getAsLong()) : "?";
        OptionalLong capacity = s.network().forwardedKbps();
        return now + "/" + (capacity.isPresent() ? String.valueOf(capacity.getAsLong()) : "-");
    }

    static String advice(AdvisorView view, String homeAddress) {
        Inet4Address home = ipv4(homeAddress);
        Optional<GivenAdvice> given = view.lastAdvice(home);
        if (given.isEmpty()) {
            return "No advice given to " + homeAddress + NL;
        }
        GivenAdvice g = given.get();
        HandoffAdvice a = g.advice();
        RequestHandoff r = g.request();
        return "Mobile " + homeAddress + ", advised at " + g.at() + NL
                + "  asked: target " + (r.targetNetwork().isPresent() ? "network " + r.targetNetwork().getAsInt()
                        : "by care-of address") + ", from network " + r.currentNetwork() + ", signal "
                + r.signalDbm() + " dBm " + r.linkType().label() + ", " + r.realTimeSessions()
                + " real-time sessions, " + r.sessionKbps() + " kbit/s" + NL
                + "  advice: " + a.verdict() + " (" + a.reason() + ", rule " + g.rule() + ") for network "
                + a.targetNetwork() + ", holds " + a.holdSeconds() + " s, until " + g.at().plusSeconds(a.holdSeconds())
                + NL
                + "  alternatives: " + (a.alternatives().isEmpty() ? "none" : a.alternatives()) + NL
                + "  reply code " + g.replyCode() + (a.completed() ? ", registration completed" : "") + NL;
    }

    static String stats(AdvisorView view) {
        MimmStatistics s = view.statistics();
        StringBuilder out = new StringBuilder("Request Handoffs received ").append(s.requests()).append(NL);
        out.append("Advice by verdict:").append(NL);
        appendCounts(out, s.byVerdict());
        out.append("Advice by reason:").append(NL);
        appendCounts(out, s.byReason());
        out.append("Refused as malformed or misplaced:").append(NL);
        if (s.refusedByProblem().isEmpty()) {
            out.append("    none").append(NL);
        }
        appendCounts(out, s.refusedByProblem());
        return out.toString();
    }

    private static void appendCounts(StringBuilder out, Map<?, Long> counts) {
        counts.forEach((key, count) -> out.append(String.format(Locale.ROOT, "    %-50s %d%n", key, count)));
    }

    /** A dotted quad, never a name: the shell must not wait on a resolver. */
    private static Inet4Address ipv4(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + text, e);
        }
    }
}
