package net.homeagent.shell;

import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import net.homeagent.mip.api.RegistrationStatistics;
import net.homeagent.mip.api.RegistrationStatistics.RegistrationCounters;
import net.homeagent.mip.codec.ReplyCode;

/** The registration counters, like IOS {@code show ip mobile traffic}. */
@Command(scope = "mip", name = "stats", description = "Shows the registration counters")
@Service
public class StatsCommand extends RenderedCommand {

    private static final String NL = System.lineSeparator();

    @Reference
    RegistrationStatistics statistics;

    @Override
    String render() {
        RegistrationCounters c = statistics.snapshot();
        long replies = c.repliesByCode().values().stream().mapToLong(Long::longValue).sum();
        StringBuilder out = new StringBuilder("IP Mobility traffic:").append(NL);
        out.append("Registration requests received ").append(c.requestsReceived()).append(", discarded ")
                .append(c.discarded()).append(NL);
        out.append("Replies sent ").append(replies).append(NL);
        c.repliesByCode().forEach((code, count) -> out.append(String.format(Locale.ROOT, "    %3d  %-50s %d%n",
                code, ReplyCode.describe(code), count)));
        out.append("Refusals and discards by reason:").append(NL);
        if (c.refusalsByReason().isEmpty()) {
            out.append("    none").append(NL);
        }
        for (Map.Entry<String, Long> e : c.refusalsByReason().entrySet()) {
            out.append(String.format(Locale.ROOT, "    %-55s %d%n", e.getKey(), e.getValue()));
        }
        out.append("Deregistrations accepted ").append(c.deregistrations()).append(NL);
        out.append("Bindings expired ").append(c.expiredBindings()).append(NL);
        return out.toString();
    }
}
