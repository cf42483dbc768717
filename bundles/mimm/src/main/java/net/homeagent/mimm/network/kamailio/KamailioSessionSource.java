package net.homeagent.mimm.network.kamailio;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mimm.network.NetworkLoad;
import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mimm.network.RealTimeSessionSource;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Real-time sessions from a SIP server's active dialogs: kamailio's dialog module, asked with
 * {@code dlg.list} over JSON-RPC 2.0 on HTTP (modules xhttp + jsonrpcs). HTTP rather than the
 * jsonrpcs FIFO or datagram socket: those are files on kamailio's own host, and the SIP server of an
 * operator is rarely the home agent's box; HTTP reaches it across the network and needs nothing on
 * kamailio's side but the two modules and an {@code event_route[xhttp:request]}.
 * <p>
 * A thread of its own asks every {@code refresh} ({@link #start()}); the registration event loop
 * only reads the last figures ({@link #sessions(int)}). When kamailio fails (unreachable, timeout,
 * HTTP error, an answer that is not a dialog list) the last good figures are kept up to
 * {@code staleAfter} after they were taken, then the sessions are unknown: {@link #sessions(int)}
 * answers {@link SessionLoad#NONE} and counts it, {@link #known()} is false. Nothing is thrown
 * into the decision; each failure is counted by problem and logged at most once a minute per problem.
 */
public final class KamailioSessionSource implements RealTimeSessionSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KamailioSessionSource.class);

    /** Figures as of one good answer. */
    private record Snapshot(Instant taken, SessionTally.Result result) {
    }

    private final KamailioSettings settings;
    private final SessionTally tally;
    private final Clock clock;
    private final HttpClient http;
    private final RateLimitedLog problems;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong unknownAnswers = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private volatile Snapshot last;
    private volatile String lastProblem = "not asked yet";
    private ScheduledExecutorService refresher;

    KamailioSessionSource(KamailioSettings settings, SessionTally tally, Clock clock) {
        this.settings = settings;
        this.tally = tally;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.problems = new RateLimitedLog(clock, Duration.ofMinutes(1), LOG::warn);
    }

    /**
     * @param load the live bindings: a Contact that is a mobile's home address counts where its
     *             care-of address is
     */
    public static KamailioSessionSource create(KamailioSettings settings, NetworkPlan plan, NetworkLoad load,
            Clock clock) {
        return new KamailioSessionSource(settings, new SessionTally(plan, load, settings.sessionKbps()), clock);
    }

    /** Asks kamailio now and then every {@code refresh}, on a thread of its own, until {@link #close()}. */
    public synchronized void start() {
        if (refresher == null) {
            refresher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "mimm-kamailio-sessions");
                thread.setDaemon(true);
                return thread;
            });
            refresher.scheduleWithFixedDelay(this::refresh, 0, settings.refresh().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    /** One {@code dlg.list}: new figures, or the failure counted. Never throws (it runs on the scheduler). */
    void refresh() {
        long id = requestIds.incrementAndGet();
        try {
            List<Dialog> dialogs = ask(id);
            last = new Snapshot(clock.instant(), tally.count(dialogs));
            refreshes.incrementAndGet();
            lastProblem = "";
        } catch (BadAnswer e) {
            failed(e.problem(), e.getMessage(), null);   // the message says it all: no stack in the log
        } catch (HttpTimeoutException e) {
            failed("timeout", "no answer within " + settings.timeout().toMillis() + " ms", null);
        } catch (ConnectException e) {
            failed("unreachable", "cannot connect: " + e, null);
        } catch (IOException e) {
            failed("unreachable", "HTTP exchange failed: " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a bug here must not end the schedule: counted and logged like any failure
            failed("internal", e.toString(), e);
        }
    }

    private List<Dialog> ask(long id) throws IOException, InterruptedException, BadAnswer {
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"dlg.list\",\"id\":" + id + "}", StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new BadAnswer("http_status", "HTTP status " + response.statusCode() + " from " + settings.url());
            }
            return DialogListAnswer.read(body, id);
        }
    }

    private void failed(String problem, String detail, Throwable cause) {
        failures.computeIfAbsent(problem, p -> new AtomicLong()).incrementAndGet();
        lastProblem = problem + ": " + detail;
        problems.log(problem, () -> "kamailio session source " + settings.url() + ": " + detail
                + (fresh() != null ? " (keeping the figures of " + last.taken() + ")" : " (sessions unknown)"), cause);
    }

    /** The last figures if they are not older than {@code staleAfter}, else null. */
    private Snapshot fresh() {
        Snapshot snapshot = last;
        if (snapshot == null || Duration.between(snapshot.taken(), clock.instant()).compareTo(settings.staleAfter()) > 0) {
            return null;
        }
        return snapshot;
    }

    @Override
    public SessionLoad sessions(int networkId) {
        Snapshot snapshot = fresh();
        if (snapshot == null) {
            unknownAnswers.incrementAndGet();
            return SessionLoad.NONE;
        }
        return snapshot.result().loads().getOrDefault(networkId, SessionLoad.NONE);
    }

    @Override
    public boolean known() {
        return fresh() != null;
    }

    @Override
    public String describe() {
        Snapshot snapshot = last;
        StringBuilder out = new StringBuilder("kamailio ").append(settings.url()).append(": ");
        if (snapshot == null) {
            out.append("no answer yet");
        } else {
            out.append(snapshot.result().dialogs()).append(" established dialogs, ")
                    .append(snapshot.result().unmappedLegs()).append(" legs in no network, as of ")
                    .append(snapshot.taken());
        }
        out.append(known() ? "" : " - sessions UNKNOWN");
        out.append("; refreshed ").append(refreshes.get()).append(", sessions asked while unknown ")
                .append(unknownAnswers.get()).append(", failures ").append(failureCounts());
        if (!lastProblem.isEmpty()) {
            out.append(", last problem ").append(lastProblem);
        }
        return out.toString();
    }

    /** Failures by problem key: unreachable, timeout, http_status, not_json, rpc_error, no_result, bad_dialog, wrong_id, internal. */
    public Map<String, Long> failureCounts() {
        Map<String, Long> counts = new TreeMap<>();
        failures.forEach((problem, count) -> counts.put(problem, count.get()));
        return counts;
    }

    long refreshes() {
        return refreshes.get();
    }

    long unknownAnswers() {
        return unknownAnswers.get();
    }
}
