package net.homeagent.mimm.network.kamailio;

import static net.homeagent.mimm.Fixtures.binding;
import static net.homeagent.mimm.network.kamailio.DialogAnswers.answer;
import static net.homeagent.mimm.network.kamailio.DialogAnswers.dialog;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import net.homeagent.mimm.Fixtures;
import net.homeagent.mimm.network.NetworkLoad;
import net.homeagent.mimm.network.RealTimeSessionSource.SessionLoad;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;

/**
 * The source against a fake kamailio: the JDK's HTTP server on loopback answering the JSON-RPC
 * request with what each test sets. {@link KamailioSessionSource#refresh()} is called by the test
 * (no scheduler), and staleness follows a {@link MutableClock}.
 */
class KamailioSessionSourceTest {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private final MutableClock clock = MutableClock.at("2026-12-07T03:00:00Z");
    private final NetworkLoad load = new NetworkLoad(Fixtures.plan());
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    /** The answer to a request with this id. */
    private volatile LongFunction<String> answers = id -> answer(id);
    private KamailioSessionSource source;

    @BeforeEach
    void fakeKamailio() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/RPC", this::respond);
        server.start();
        source = source(Duration.ofSeconds(2));
        new FakeBindingStore().listen(load::bindingChanged).register(binding("10.0.0.12", "10.3.0.7"), false);
    }

    private KamailioSessionSource source(Duration timeout) {
        return KamailioSessionSource.create(new KamailioSettings(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/RPC"), Duration.ofSeconds(5),
                timeout, Duration.ofSeconds(30), 80), Fixtures.plan(), load, clock);
    }

    private void respond(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + request);
        Matcher id = ID.matcher(request);
        byte[] body = answers.apply(id.find() ? Long.parseLong(id.group(1)) : -1).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stop() {
        source.close();
        server.stop(0);
    }

    private void threeCallsInNetworkThree() {
        answers = id -> answer(id, dialog(4, "sip:caller@10.0.0.12:5060", "sip:callee@198.18.0.1"),
                dialog(4, "sip:caller@10.0.0.12:5060", "sip:callee@10.3.0.9"), dialog(2, "sip:c@10.3.0.8", ""));
    }

    @Test
    void asksDlgListAndCountsTheEstablishedDialogsPerNetwork() {
        assertThat(source.known()).isFalse();
        threeCallsInNetworkThree();
        source.refresh();
        assertThat(requests).singleElement().asString()
                .isEqualTo("POST application/json {\"jsonrpc\":\"2.0\",\"method\":\"dlg.list\",\"id\":1}");
        assertThat(source.known()).isTrue();
        assertThat(source.sessions(3)).isEqualTo(new SessionLoad(3, 240));
        assertThat(source.sessions(1)).isEqualTo(SessionLoad.NONE);
        assertThat(source.describe()).contains("2 established dialogs, 1 legs in no network").contains("refreshed 1")
                .contains("failures {}");

        answers = id -> answer(id);   // the calls end
        source.refresh();
        assertThat(source.sessions(3)).isEqualTo(SessionLoad.NONE);
        assertThat(source.known()).isTrue();
        assertThat(source.unknownAnswers()).isZero();
    }

    @Test
    void aFailingKamailioKeepsTheLastFiguresForABoundedTimeThenTheyAreUnknown() {
        threeCallsInNetworkThree();
        source.refresh();
        answers = id -> "<html>gateway timeout</html>";
        clock.advance(Duration.ofSeconds(10));
        source.refresh();
        assertThat(source.failureCounts()).containsEntry("not_json", 1L);
        assertThat(source.sessions(3)).as("kept: 10 s old, stale after 30 s").isEqualTo(new SessionLoad(3, 240));

        status = 500;
        answers = id -> "";
        clock.advance(Duration.ofSeconds(21));
        source.refresh();
        assertThat(source.failureCounts()).containsEntry("http_status", 1L);
        assertThat(source.known()).isFalse();
        assertThat(source.sessions(3)).isEqualTo(SessionLoad.NONE);
        assertThat(source.unknownAnswers()).isEqualTo(1);
        assertThat(source.describe()).contains("sessions UNKNOWN").contains("last problem http_status");

        // kamailio back: figures again
        status = 200;
        threeCallsInNetworkThree();
        source.refresh();
        assertThat(source.known()).isTrue();
        assertThat(source.sessions(3)).isEqualTo(new SessionLoad(3, 240));
    }

    @Test
    void anErrorObjectAndAWrongIdAreFailuresNotFigures() {
        answers = id -> "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":500,\"message\":\"Method Not Found\"},\"id\":" + id + "}";
        source.refresh();
        answers = id -> answer(id + 1, dialog(4, "sip:caller@10.0.0.12", ""));
        source.refresh();
        assertThat(source.failureCounts()).containsEntry("rpc_error", 1L).containsEntry("wrong_id", 1L);
        assertThat(source.known()).isFalse();
        assertThat(source.refreshes()).isZero();
    }

    @Test
    void nobodyListeningIsUnreachable() {
        server.stop(0);
        source.refresh();
        assertThat(source.failureCounts()).containsOnlyKeys("unreachable");
        assertThat(source.sessions(3)).isEqualTo(SessionLoad.NONE);
    }

    @Test
    void anAnswerLaterThanTheTimeoutIsATimeout() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        server.removeContext("/RPC");
        server.createContext("/RPC", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        source.close();
        source = source(Duration.ofMillis(200));
        source.refresh();
        release.countDown();
        assertThat(source.failureCounts()).containsOnlyKeys("timeout");
    }

    @Test
    void theScheduleAsksOnItsOwnThread() throws InterruptedException {
        CountDownLatch asked = new CountDownLatch(1);
        answers = id -> {
            asked.countDown();
            return answer(id);
        };
        source.start();
        assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
        source.close();
    }
}
