package net.homeagent.mip6.shell;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import net.homeagent.mip.codec.mip6.BindingAckStatus;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.Mip6Counters.Scope;
import net.homeagent.mip6.Mip6RoleView;
import net.homeagent.mip6.Mip6View;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.recovery.RecoveryProgress;

/**
 * The text of the mip6:* commands, apart from the commands so that it is tested without a shell.
 * Each role running (home agent, correspondent node) has its section, headed by its name.
 */
final class Mip6Text {

    private static final String ROW = "%-39s %-39s %5s %8s %9s  %s%n";

    private Mip6Text() {
    }

    static String bindings(Mip6View view) {
        StringBuilder out = new StringBuilder(status(view));
        long now = view.nowMillis();
        int count = 0;
        for (Mip6RoleView role : view.roles()) {
            List<Mip6Binding> all = role.bindings();
            out.append(role.name()).append(" binding cache:\n");
            out.append(String.format(ROW, "home address", "care-of address", "seq", "lifetime", "remaining",
                    "origin"));
            for (Mip6Binding binding : all) {
                out.append(String.format(ROW, binding.homeAddress().getHostAddress(),
                        binding.careOfAddress().getHostAddress(), binding.sequence(), binding.lifetimeSeconds(),
                        binding.remainingSeconds(now), binding.origin().name().toLowerCase(Locale.ROOT)));
            }
            count += all.size();
        }
        return out.append(count).append(count == 1 ? " binding" : " bindings").append('\n').toString();
    }

    static String binding(Mip6View view, String text) {
        Inet6Address home = parse(text);
        StringBuilder out = new StringBuilder();
        for (Mip6RoleView role : view.roles()) {
            Optional<Mip6Binding> entry = role.binding(home);
            Optional<String> recovery = role.recoveryState(home);
            if (entry.isEmpty() && recovery.isEmpty()) {
                continue;
            }
            out.append("home address      ").append(home.getHostAddress()).append('\n');
            out.append("role              ").append(role.name()).append('\n');
            entry.ifPresent(binding -> {
                out.append("care-of address   ").append(binding.careOfAddress().getHostAddress()).append('\n');
                out.append("sequence          ").append(binding.sequence()).append('\n');
                out.append("lifetime          ").append(binding.lifetimeSeconds()).append(" s granted, ")
                        .append(binding.remainingSeconds(view.nowMillis())).append(" s left\n");
                out.append("origin            ").append(binding.origin().name().toLowerCase(Locale.ROOT))
                        .append('\n');
            });
            if (entry.isEmpty()) {
                out.append("binding cache     none (deregistered, expired, deleted, or held until validated)\n");
            }
            recovery.ifPresent(state -> out.append("recovery          ").append(state).append('\n'));
        }
        return out.length() == 0 ? "no binding for " + home.getHostAddress() + "\n" : out.toString();
    }

    static String stats(Mip6View view) {
        StringBuilder out = new StringBuilder(status(view));
        out.append("signalling:\n");
        counters(out, view.signallingCounters(), Scope.SIGNALLING);
        view.homeLinkProxied().ifPresent(proxied ->
                out.append(String.format("%-12d home addresses proxied on the home link now%n", proxied)));
        int cached = 0;
        for (Mip6RoleView role : view.roles()) {
            out.append(role.name()).append(":\n");
            counters(out, role.counters(), Scope.EVERY_ROLE);
            role.ownCounters().ifPresent(scope -> counters(out, role.counters(), scope));
            role.details(view.nowMillis()).forEach(line -> out.append("  ").append(line).append('\n'));
            Map<Integer, Long> acks = role.counters().acknowledgements();
            out.append("  Binding Acknowledgement statuses (RFC 6275 §6.1.8):\n");
            if (acks.isEmpty()) {
                out.append("    none\n");
            }
            acks.forEach((status, count) -> out.append(String.format("    %-10d %s%n", count,
                    BindingAckStatus.describe(status))));
            cached += role.bindings().size();
        }
        return out.append(String.format("%-12d bindings in the caches%n", cached)).toString();
    }

    private static void counters(StringBuilder out, Mip6Counters counters, Scope scope) {
        for (Counter counter : Counter.values()) {
            if (counter.scope() == scope) {
                out.append(String.format("%-12d %s%n", counters.get(counter), counter.text()));
            }
        }
    }

    static String recovery(Mip6View view) {
        StringBuilder out = new StringBuilder(status(view));
        boolean any = false;
        for (Mip6RoleView role : view.roles()) {
            RecoveryProgress progress = role.recovery();
            if (progress.total() == 0) {
                continue;
            }
            any = true;
            out.append(role.name()).append(":\n");
            out.append(String.format("state           %s%n", progress.finished() ? "finished" : "running"));
            out.append(String.format("total           %d%n", progress.total()));
            out.append(String.format("validated       %d%n", progress.validated()));
            out.append(String.format("deleted         %d%n", progress.deleted()));
            out.append(String.format("pending         %d%n", progress.pending()));
            out.append(String.format("awaiting answer %d%n", progress.awaitingAnswer()));
            out.append(String.format("requests sent   %d (retries %d)%n", progress.requestsSent(), progress.retries()));
            out.append(String.format(Locale.ROOT, "rate            %.1f /s measured, %.1f /s configured%n",
                    progress.measuredRate(), progress.configuredRate()));
            out.append(String.format("seed            %d%n", progress.seed()));
        }
        if (!any) {
            out.append("no binding recovery ran since the start (nothing restored, or recovery off)\n");
        }
        return out.toString();
    }

    private static String status(Mip6View view) {
        return "MIPv6 node: " + view.status() + "\n";
    }

    private static Inet6Address parse(String text) {
        if (text == null || !text.contains(":")) {
            throw new IllegalArgumentException("not an IPv6 address: '" + text + "'");
        }
        try {
            if (InetAddress.getByName(text) instanceof Inet6Address address) {
                return address;
            }
        } catch (UnknownHostException e) {
            // the same answer as for any other text that is no address
        }
        throw new IllegalArgumentException("not an IPv6 address: '" + text + "'");
    }
}
