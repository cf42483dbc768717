package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.NetworkAlertCheck;
import net.homeagent.mip.api.testing.MutableClock;

/** One request at a time, without a socket: every refusal's status, line and counter, and no event but for a good alert. */
class AlertIntakeTest {

    private static final String TOKEN = "Bearer s3cret";
    private static final String GOOD = "{\"subject\":\"wlan-a\",\"reason\":\"outage\",\"expiry\":120,\"alternative\":2}";

    private final MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");
    private final List<ApplianceEvent> published = new CopyOnWriteArrayList<>();
    private final List<ApplianceEvent> asked = new CopyOnWriteArrayList<>();
    private final AtomicBoolean queueFull = new AtomicBoolean();
    /** A stand-in for the advisor: knows wlan-a only, as the real reader knows the configured networks. */
    private final AtomicReference<NetworkAlertCheck> advisor = new AtomicReference<>(event -> {
        asked.add(event);
        return "wlan-a".equals(event.details().get("subject"))
                ? new NetworkAlertCheck.Verdict(true, "alert for 'wlan-a': networks [1]")
                : new NetworkAlertCheck.Verdict(false, "alert subject unknown: '" + event.details().get("subject") + "'");
    });
    private final AlertIntake intake = new AlertIntake("s3cret", advisor::get,
            event -> !queueFull.get() && published.add(event), clock);

    private AlertIntake.Answer post(String body) {
        return intake.take("POST", TOKEN, body.getBytes(StandardCharsets.UTF_8), "/192.0.2.7:41000");
    }

    @Test
    void aGoodAlertIsCheckedByTheAdvisorThenPublishedWithTheNamedDetailsItReads() {
        AlertIntake.Answer answer = post(GOOD);

        assertThat(answer).isEqualTo(new AlertIntake.Answer(202, "accepted: alert for 'wlan-a': networks [1]"));
        assertThat(published).hasSize(1);
        ApplianceEvent event = published.get(0);
        assertThat(event.kind()).isEqualTo(ApplianceEvent.Kind.NETWORK_ALERT);
        assertThat(event.source()).isEqualTo("http-alerts");
        assertThat(event.at()).isEqualTo(clock.instant());
        assertThat(event.details()).containsEntry("subject", "wlan-a").containsEntry("reason", "outage")
                .containsEntry("expiry", "120").containsEntry("alternative", "2").containsEntry("peer", "/192.0.2.7:41000");
        assertThat(asked).containsExactly(event);
        assertThat(intake.counters()).containsExactly(java.util.Map.entry("accepted", 1L));
    }

    @Test
    void numbersForSubjectAndReasonAndNoAlternativeAreTakenAsTheTrapTakesThem() {
        post("{\"subject\":\"wlan-a\",\"reason\":2,\"expiry\":-1}");

        assertThat(published.get(0).details()).containsEntry("reason", "2").containsEntry("expiry", "-1")
                .doesNotContainKey("alternative");
    }

    @Test
    void everyBadRequestIsRefusedWithItsStatusCountedAndPublishesNothing() {
        assertThat(intake.take("PUT", TOKEN, GOOD.getBytes(StandardCharsets.UTF_8), "p").status()).isEqualTo(405);
        assertThat(intake.take("POST", null, GOOD.getBytes(StandardCharsets.UTF_8), "p").status()).isEqualTo(401);
        assertThat(intake.take("POST", "Bearer wrong", GOOD.getBytes(StandardCharsets.UTF_8), "p").status()).isEqualTo(401);
        assertThat(intake.take("POST", "Basic czNjcmV0", GOOD.getBytes(StandardCharsets.UTF_8), "p").status()).isEqualTo(401);
        assertThat(post("")).isEqualTo(new AlertIntake.Answer(400,
                "empty body: a JSON object with subject, reason, expiry[, alternative]"));
        assertThat(post("x".repeat(AlertIntake.MAX_BODY + 1)).status()).isEqualTo(413);
        assertThat(post("subject=wlan-a&reason=2").text()).startsWith("not JSON: ");
        assertThat(post("[1,2]")).isEqualTo(new AlertIntake.Answer(400, "not a JSON object"));
        assertThat(post("{\"subject\":\"wlan-a\",\"reason\":2,\"expirey\":10}")).isEqualTo(new AlertIntake.Answer(400,
                "unknown field 'expirey' (subject, reason, expiry, alternative)"));
        assertThat(post("{\"subject\":\"wlan-a\",\"reason\":2,\"expiry\":\"soon\"}")).isEqualTo(new AlertIntake.Answer(400,
                "field 'expiry': string where a whole number belongs"));
        assertThat(post("{\"subject\":true,\"reason\":2,\"expiry\":10}").text())
                .isEqualTo("field 'subject': boolean where a string or a whole number belongs");
        assertThat(post("{\"subject\":\"wlan-a\",\"reason\":2,\"expiry\":1.5}").text())
                .isEqualTo("field 'expiry': 1.5 is not a whole number");
        assertThat(post("{\"subject\":\"wlan-z\",\"reason\":2,\"expiry\":10}"))
                .isEqualTo(new AlertIntake.Answer(422, "alert subject unknown: 'wlan-z'"));

        assertThat(published).isEmpty();
        assertThat(asked).hasSize(1);
        assertThat(intake.counters()).containsEntry("accepted", 0L).containsEntry("method", 1L)
                .containsEntry("unauthorized", 3L).containsEntry("not_json", 3L).containsEntry("too_large", 1L)
                .containsEntry("bad_field", 4L).containsEntry("refused_by_advisor", 1L);
    }

    @Test
    void withoutAnAdvisorOrRoomInTheQueueAGoodAlertIsRefusedFor503() {
        queueFull.set(true);
        assertThat(post(GOOD).status()).isEqualTo(503);
        advisor.set(null);
        assertThat(post(GOOD).text()).isEqualTo("no alert reader running (feature homeagent-mimm not installed?)");

        assertThat(published).isEmpty();
        assertThat(intake.counters()).containsEntry("queue_full", 1L).containsEntry("no_advisor", 1L);
    }

    @Test
    void anAdvisorThatThrowsIsA500NotAnExceptionInTheTransport() {
        advisor.set(event -> {
            throw new IllegalStateException("broken");
        });
        assertThat(post(GOOD)).isEqualTo(new AlertIntake.Answer(500, "internal error: java.lang.IllegalStateException: broken"));
        assertThat(intake.counters()).containsEntry("internal", 1L);
    }

    @Test
    void withoutAConfiguredTokenEveryRequestIsRefused() {
        AlertIntake open = new AlertIntake("", advisor::get, published::add, clock);
        assertThat(open.take("POST", "Bearer ", GOOD.getBytes(StandardCharsets.UTF_8), "p"))
                .isEqualTo(new AlertIntake.Answer(401, "no alertToken configured: every request is refused"));
        assertThat(published).isEmpty();
    }

    @Test
    void aGetWithTheTokenAnswersTheCounters() {
        post(GOOD);
        post("[]");
        assertThat(intake.take("GET", TOKEN, new byte[0], "p"))
                .isEqualTo(new AlertIntake.Answer(200, "{accepted=1, not_json=1}"));
        assertThat(intake.take("get", "bearer s3cret", null, "p").status()).isEqualTo(200);
    }
}
