package net.homeagent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.RegistrationStatistics.RegistrationCounters;
import net.homeagent.mip.codec.ReplyCode;

class StatsCommandTest {
    private final StatsCommand command = new StatsCommand();

    @Test
    void showsEveryCounterWithReplyCodesDescribed() {
        TreeMap<Integer, Long> replies = new TreeMap<>();
        replies.put(ReplyCode.ACCEPTED, 1200L);
        replies.put(ReplyCode.MN_FAILED_AUTHENTICATION, 7L);
        replies.put(ReplyCode.IDENTIFICATION_MISMATCH, 2L);
        TreeMap<String, Long> refusals = new TreeMap<>();
        refusals.put("bad authenticator", 5L);
        refusals.put("unknown SPI", 2L);
        refusals.put("identification outside the timestamp window", 2L);
        refusals.put("truncated header", 3L);
        command.statistics = () -> new RegistrationCounters(1214, 3, replies, refusals, 40, 17);

        assertThat(command.render().lines()).containsExactly(
                "IP Mobility traffic:",
                "Registration requests received 1214, discarded 3",
                "Replies sent 1209",
                "      0  accepted                                           1200",
                "    131  mobile node failed authentication                  7",
                "    133  registration identification mismatch               2",
                "Refusals and discards by reason:",
                "    bad authenticator                                       5",
                "    identification outside the timestamp window             2",
                "    truncated header                                        3",
                "    unknown SPI                                             2",
                "Deregistrations accepted 40",
                "Bindings expired 17");
    }

    @Test
    void aFreshHomeAgentShowsZeros() {
        command.statistics = () -> new RegistrationCounters(0, 0, new TreeMap<>(), new TreeMap<>(), 0, 0);

        assertThat(command.render().lines()).containsExactly(
                "IP Mobility traffic:",
                "Registration requests received 0, discarded 0",
                "Replies sent 0",
                "Refusals and discards by reason:",
                "    none",
                "Deregistrations accepted 0",
                "Bindings expired 0");
    }
}
