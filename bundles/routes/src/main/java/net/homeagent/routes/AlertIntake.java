package net.homeagent.routes;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.NetworkAlertCheck;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * What the HTTP alert endpoint does with one request, apart from the transport (so it is tested
 * without a socket): a monitoring system POSTs one alert as JSON,
 * {@code {"subject":"wlan-a","reason":"outage","expiry":120,"alternative":2}} (the four values of
 * HOMEAGENT-MIMM-MIB's mimmAlert trap: subject, reason 1-5 or its name, expiry in seconds or -1 for
 * the rest of the session, alternative network optional), with {@code Authorization: Bearer <token>}.
 * The intake checks the request and the JSON shape, builds the NETWORK_ALERT event with the named
 * details the advisor reads, asks the advisor ({@link NetworkAlertCheck}: the same reader that reads
 * a trap's event) whether it would raise it, and only then publishes it. Every answer is an HTTP
 * status and one line; every refusal is counted by problem. A GET with the token answers the
 * counters. Never throws.
 */
final class AlertIntake {

    /** An alert is four short values; anything longer is not one. */
    static final int MAX_BODY = 4096;
    static final String SOURCE = "http-alerts";
    private static final Set<String> FIELDS = Set.of("subject", "reason", "expiry", "alternative");

    /** The status and the one line the sender gets. */
    record Answer(int status, String text) {
    }

    private final byte[] token;
    private final Supplier<NetworkAlertCheck> check;
    private final Predicate<ApplianceEvent> publish;
    private final Clock clock;
    private final LongAdder accepted = new LongAdder();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final RateLimitedLog log;

    /**
     * @param token   the bearer token a request must carry; empty = every request is refused (as
     *                the trap receiver's empty community)
     * @param check   the advisor's check, or null while no advisor runs
     * @param publish the routes' hand-off; false = the event was dropped (queue full)
     */
    AlertIntake(String token, Supplier<NetworkAlertCheck> check, Predicate<ApplianceEvent> publish, Clock clock) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.check = check;
        this.publish = publish;
        this.clock = clock;
        this.log = new RateLimitedLog(clock, Duration.ofMinutes(1), LoggerFactory.getLogger(AlertIntake.class)::warn);
    }

    Answer take(String method, String authorization, byte[] body, String peer) {
        try {
            return answer(method == null ? "" : method.toUpperCase(Locale.ROOT), authorization, body, peer);
        } catch (RuntimeException e) {
            // house rule 5: a request never throws into the transport; it is a 500, counted
            return refuse("internal", 500, "internal error: " + e, peer);
        }
    }

    private Answer answer(String method, String authorization, byte[] body, String peer) {
        if (!method.equals("POST") && !method.equals("GET")) {
            return refuse("method", 405, "method " + method + " not allowed: POST an alert, GET the counters", peer);
        }
        if (token.length == 0) {
            return refuse("unauthorized", 401, "no alertToken configured: every request is refused", peer);
        }
        if (!authorized(authorization)) {
            return refuse("unauthorized", 401, "missing or wrong 'Authorization: Bearer <alertToken>'", peer);
        }
        if (method.equals("GET")) {
            return new Answer(200, counters().toString());
        }
        if (body == null || body.length == 0) {
            return refuse("not_json", 400, "empty body: a JSON object with subject, reason, expiry[, alternative]", peer);
        }
        if (body.length > MAX_BODY) {
            return refuse("too_large", 413, "body of " + body.length + " octets, at most " + MAX_BODY, peer);
        }
        Object json;
        try {
            json = Jsoner.deserialize(new String(body, StandardCharsets.UTF_8));
        } catch (DeserializationException e) {
            return refuse("not_json", 400, "not JSON: " + e.getMessage().lines().findFirst().orElse(""), peer);
        }
        if (!(json instanceof JsonObject object)) {
            return refuse("not_json", 400, "not a JSON object", peer);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("peer", peer);
        for (Map.Entry<String, Object> field : object.entrySet()) {
            String problem = copy(field.getKey(), field.getValue(), details);
            if (problem != null) {
                return refuse("bad_field", 400, problem, peer);
            }
        }
        ApplianceEvent alert = ApplianceEvent.of(ApplianceEvent.Kind.NETWORK_ALERT, clock.instant(), SOURCE,
                "alert from " + peer + " over HTTP", details);
        NetworkAlertCheck advisor = check.get();
        if (advisor == null) {
            return refuse("no_advisor", 503, "no alert reader running (feature homeagent-mimm not installed?)", peer);
        }
        NetworkAlertCheck.Verdict verdict = advisor.check(alert);
        if (!verdict.accepted()) {
            return refuse("refused_by_advisor", 422, verdict.text(), peer);
        }
        if (!publish.test(alert)) {
            return refuse("queue_full", 503, "the event queue is full: alert not published, send it again", peer);
        }
        accepted.increment();
        return new Answer(202, "accepted: " + verdict.text());
    }

    /**
     * A field of the body into the event's named details, as text like a trap's values: subject and
     * reason a string or a whole number (a network id, a reason code), expiry and alternative a
     * whole number. The values themselves are the advisor's to judge. Null, or the problem.
     */
    private static String copy(String name, Object value, Map<String, String> details) {
        if (!FIELDS.contains(name)) {
            return "unknown field '" + name + "' (subject, reason, expiry, alternative)";
        }
        boolean text = name.equals("subject") || name.equals("reason");
        if (value instanceof String s && text) {
            details.put(name, s);
            return null;
        }
        if (value instanceof BigDecimal n) {
            try {
                details.put(name, Long.toString(n.longValueExact()));
                return null;
            } catch (ArithmeticException e) {
                return "field '" + name + "': " + n + " is not a whole number";
            }
        }
        return "field '" + name + "': " + (value == null ? "null" : value.getClass().getSimpleName().replace("Json", "").toLowerCase(Locale.ROOT))
                + " where " + (text ? "a string or a whole number" : "a whole number") + " belongs";
    }

    /** Compared in constant time: the token is a password. */
    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private Answer refuse(String problem, int status, String text, String peer) {
        refused.computeIfAbsent(problem, k -> new LongAdder()).increment();
        log.log(problem, () -> "alert over HTTP from " + peer + " refused (" + status + "): " + text);
        return new Answer(status, text);
    }

    /** accepted, then the refusals by problem. */
    Map<String, Long> counters() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("accepted", accepted.sum());
        new TreeMap<>(refused).forEach((k, v) -> all.put(k, v.sum()));
        return all;
    }
}
