package net.homeagent.mimm.shell;

import static net.homeagent.mimm.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.AdvisorView;
import net.homeagent.mimm.Fixtures;
import net.homeagent.mimm.GivenAdvice;
import net.homeagent.mimm.MimmStatistics;
import net.homeagent.mimm.network.RealTimeSessionSource.SessionLoad;
import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;
import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mip.codec.mimm.RequestHandoff;

class AdvisorTextTest {

    private boolean sessionsKnown = true;

    private final AdvisorView view = new AdvisorView() {
        @Override
        public List<NetworkStatus> networks() {
            return List.of(new NetworkStatus(Fixtures.plan().byId(2).orElseThrow(), 7, new SessionLoad(3, 192), OptionalLong.of(640)));
        }

        @Override
        public Optional<GivenAdvice> lastAdvice(Inet4Address homeAddress) {
            return homeAddress.equals(ip("10.0.0.5")) ? Optional.of(new GivenAdvice(
                    Instant.parse("2026-12-06T03:30:00Z"),
                    new RequestHandoff(OptionalInt.empty(), 2, -71, LinkType.WLAN, 1, 64),
                    new HandoffAdvice(Verdict.NOT_NOW, Reason.TARGET_FULL_MOBILES, 30, 1, List.of(4, 3), false),
                    "TARGET_FULL_MOBILES", 200)) : Optional.empty();
        }

        @Override
        public MimmStatistics statistics() {
            return new MimmStatistics(5, Map.of("Request Handoff length", 1L), Map.of(Verdict.GO, 4L),
                    Map.of(Reason.NONE, 4L));
        }

        @Override
        public String sessionSource() {
            return "kamailio http://192.0.2.5:5071/RPC: 3 established dialogs";
        }

        @Override
        public boolean sessionsKnown() {
            return sessionsKnown;
        }
    };

    @Test
    void networksShowsCapacityLoadAndPrefixes() {
        assertThat(AdvisorText.networks(view)).contains("cell-b").contains("cellular").contains("7/100")
                .contains("192/10000").contains("640/-").contains("10.2.0.0/16,172.16.0.0/12")
                .startsWith("Real-time sessions: kamailio http://192.0.2.5:5071/RPC: 3 established dialogs");
    }

    @Test
    void unknownSessionsAreShownAsUnknownNotAsNone() {
        sessionsKnown = false;
        assertThat(AdvisorText.networks(view)).contains("unknown").contains("?/10000").doesNotContain("192/10000");
    }

    @Test
    void adviceShowsTheQuestionAndTheAnswer() {
        assertThat(AdvisorText.advice(view, "10.0.0.5"))
                .contains("target by care-of address, from network 2, signal -71 dBm wlan")
                .contains("NOT_NOW (TARGET_FULL_MOBILES, rule TARGET_FULL_MOBILES) for network 1, holds 30 s,"
                        + " until 2026-12-06T03:30:30Z")
                .contains("alternatives: [4, 3]")
                .contains("reply code 200");
        assertThat(AdvisorText.advice(view, "10.0.0.6")).startsWith("No advice given to 10.0.0.6");
        assertThatThrownBy(() -> AdvisorText.advice(view, "mobile.example")).hasMessage(
                "not an IPv4 address: mobile.example");
    }

    @Test
    void aTypingMistakeIsOneLineMarkedWithPercent() {
        AdviceCommand command = new AdviceCommand();
        command.view = view;
        command.homeAddress = "10.0.0";
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(console);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("% not an IPv4 address: 10.0.0"
                + System.lineSeparator());
    }

    @Test
    void statsShowsEveryCounter() {
        assertThat(AdvisorText.stats(view)).contains("Request Handoffs received 5")
                .containsPattern("GO +4").containsPattern("Request Handoff length +1");
    }
}
