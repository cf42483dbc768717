package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.NetworkAlertCheck;
import net.homeagent.mip.api.testing.MutableClock;

/** The route over a real socket with Camel's netty-http, asked by the JDK's HTTP client. */
class AlertEndpointRouteTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final List<ApplianceEvent> published = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        uri = URI.create("http://127.0.0.1:" + port + "/alerts");
        NetworkAlertCheck advisor = event -> new NetworkAlertCheck.Verdict("wlan-a".equals(event.details().get("subject")),
                "read " + event.details().get("subject"));
        AlertIntake intake = new AlertIntake("s3cret", () -> advisor, published::add, MutableClock.at("2026-12-07T10:00:00Z"));
        camel.addRoutes(new AlertEndpointRoute("netty-http:" + uri, intake));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private HttpResponse<String> send(String method, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPostedAlertIsAcceptedWith202AndPublishedWithTheSendersAddress() throws Exception {
        HttpResponse<String> answer = send("POST", "Bearer s3cret",
                "{\"subject\":\"wlan-a\",\"reason\":\"outage\",\"expiry\":120}");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo("accepted: read wlan-a\n");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(published).hasSize(1);
        assertThat(published.get(0).details().get("peer")).startsWith("http 127.0.0.1:");
    }

    @Test
    void refusalsAnswerTheirStatusAndLineAndNeverEchoTheRequestsHeaders() throws Exception {
        HttpResponse<String> unknown = send("POST", "Bearer s3cret", "{\"subject\":\"wlan-z\",\"reason\":2,\"expiry\":10}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).isEqualTo("read wlan-z\n");
        assertThat(unknown.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization"));

        HttpResponse<String> wrongMethod = send("PUT", "Bearer s3cret", "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST, GET");

        HttpResponse<String> noToken = send("POST", null, "{}");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        assertThat(send("POST", "Bearer s3cret", "not json").statusCode()).isEqualTo(400);
        assertThat(published).isEmpty();

        HttpResponse<String> counters = send("GET", "Bearer s3cret", null);
        assertThat(counters.statusCode()).isEqualTo(200);
        assertThat(counters.body()).isEqualTo("{accepted=0, method=1, not_json=1, refused_by_advisor=1, unauthorized=1}\n");
    }
}
