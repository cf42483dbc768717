package net.homeagent.mimm.reactive;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.NetworkAlertCheck;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.mip.codec.mimm.Decoded;
import net.homeagent.mip.codec.mimm.ReactiveMessage;
import net.homeagent.mip.codec.mimm.ReactiveMessageCodec;
import net.homeagent.mip.codec.mimm.TimestampIdentifications;

/**
 * Reactive advice (issue 15): alerts in, advice out. An alert (a {@code mimmAlert} trap through the
 * routes, or an event with the same values) is kept in the {@link AlertBook} and, with the event
 * delivery, every mobile of its networks is queued on the paced {@link ReactivePusher}; the periodic
 * delivery queues again, while it holds, those that have not acknowledged it; a pull is answered at
 * once. Acks and pulls are authenticated with the mobile's MN-HA association, pulls checked against
 * replay (RFC 5944 §5.7.1 timestamps). Nothing a sender does throws out of here: a bad alert or datagram is counted and
 * logged at most once a minute per kind.
 */
public final class ReactiveAdvisor {

    private static final Logger LOG = LoggerFactory.getLogger(ReactiveAdvisor.class);

    private final Clock clock;
    private final AlertReader reader;
    private final AlertBook book;
    private final MobileDirectory directory;
    private final ReactivePusher pusher;
    private final Deliveries deliveries;
    private final long replayToleranceSeconds;
    private final ReactiveCounters counters;
    private final RateLimitedLog problems;
    private final Map<Inet4Address, Long> lastPull = new ConcurrentHashMap<>();
    private final Consumer<ApplianceEvent> publish;

    /** @param publish where MIMM_ALERT events go (the appliance's event routes); never blocks */
    ReactiveAdvisor(Clock clock, AlertReader reader, AlertBook book, MobileDirectory directory, ReactivePusher pusher,
            Deliveries deliveries, long replayToleranceSeconds, ReactiveCounters counters,
            Consumer<ApplianceEvent> publish) {
        this.publish = publish;
        this.clock = clock;
        this.reader = reader;
        this.book = book;
        this.directory = directory;
        this.pusher = pusher;
        this.deliveries = deliveries;
        this.replayToleranceSeconds = replayToleranceSeconds;
        this.counters = counters;
        this.problems = new RateLimitedLog(clock, Duration.ofMinutes(1), LOG::warn);
    }

    /** A NETWORK_ALERT from the routes. */
    void alertPublished(ApplianceEvent event) {
        AlertReader.Read read = reader.read(event);
        if (read instanceof AlertReader.Read.Valid v) {
            raise(v.alert());
        } else if (read instanceof AlertReader.Read.Bad b) {
            counters.count(ReactiveCount.ALERTS_BAD);
            counters.problem(b.counterKey());
            problems.log(b.counterKey(), () -> "alert refused, " + b.detail());
        } else {
            counters.count(ReactiveCount.TRAPS_NOT_OURS);
        }
    }

    /**
     * The same reading as {@link #alertPublished}, without raising or counting anything: for a source
     * that asks before it publishes (the routes' HTTP alert endpoint), which counts its own refusals.
     */
    NetworkAlertCheck.Verdict check(ApplianceEvent event) {
        AlertReader.Read read = reader.read(event);
        if (read instanceof AlertReader.Read.Valid v) {
            AlertRequest a = v.alert();
            return new NetworkAlertCheck.Verdict(true, "alert for '" + a.subject() + "': networks " + a.networks()
                    + ", reason " + a.reason() + ", expiry " + (a.expirySeconds() == -1 ? "-1 (rest of the session)"
                            : a.expirySeconds() + " s")
                    + (a.alternative().isPresent() ? ", alternative " + a.alternative().getAsInt() : ", no alternative"));
        }
        if (read instanceof AlertReader.Read.Bad b) {
            return new NetworkAlertCheck.Verdict(false, b.detail());
        }
        return new NetworkAlertCheck.Verdict(false, "not a mimmAlert: trap " + ((AlertReader.Read.NotOurs) read).trap());
    }

    private void raise(AlertRequest request) {
        Alert alert = book.add(request, clock.instant());
        counters.count(ReactiveCount.ALERTS_RAISED);
        LOG.info("alert {} raised by {}: {} for networks {} ({}), expiry {}{}", alert.id(), alert.source(),
                alert.reason(), alert.networks(), alert.subject(), alert.expirySeconds(),
                alert.alternative().isPresent() ? ", alternative " + alert.alternative().getAsInt() : "");
        publish.accept(AlertEvents.of(alert, AlertEvents.State.RAISED, clock.instant()));
        if (deliveries.event()) {
            pushAll(alert, false);
        }
    }

    /**
     * Queues the alert's advice for every mobile in its networks: the event push ({@code reminder}
     * false) or the periodic one, which skips the mobiles that acknowledged it. The walk's length is
     * logged: at 100,000 bindings it is what a trap waits for before the last mobile is queued.
     */
    private void pushAll(Alert alert, boolean reminder) {
        Instant start = clock.instant();
        MobileDirectory.Walk walk = directory.forEachIn(alert.networks(), (mobile, network) -> {
            if (reminder) {
                pusher.remind(mobile, alert, network);
            } else {
                pusher.push(mobile, alert, network);
            }
        });
        long millis = Duration.between(start, clock.instant()).toMillis();
        if (reminder) {
            LOG.debug("alert {}, periodic push: walked the binding table in {} ms: {} mobiles in networks {}",
                    alert.id(), millis, walk.mobiles(), alert.networks());
        } else {
            LOG.info("alert {}: walked the binding table in {} ms: {} mobiles in networks {}, {} of them without an"
                    + " MN-HA security association", alert.id(), millis, walk.mobiles(), alert.networks(),
                    walk.withoutKey());
        }
        for (int i = 0; i < walk.withoutKey(); i++) {
            counters.count(ReactiveCount.NO_SECURITY_ASSOCIATION);
        }
        if (walk.withoutKey() > 0) {
            problems.log("no security association", () -> walk.withoutKey() + " mobiles in networks "
                    + alert.networks() + " have no MN-HA security association: not advised");
        }
    }

    /**
     * Whether a binding change is a mobile arriving at a care-of address: a binding added here (a
     * first registration or a move; a renewal is no arrival). Bindings replicated from a peer or
     * restored at start are not: the node that took the registration advises the mobile.
     */
    static boolean isArrival(BindingEvent event) {
        return event.type() == BindingEvent.Type.ADDED && event.origin() == ChangeOrigin.LOCAL;
    }

    /**
     * Whether an arrival needs looking at: only while some alert is kept. Asked on the registration's
     * thread before anything is handed to the worker, so that a box without alerts pays one volatile
     * read per registration, not a thread hand-off (measured: docs/PERFORMANCE.md "MIMM").
     */
    boolean watchingArrivals() {
        return deliveries.event() && book.any();
    }

    /**
     * A mobile registered (or moved) to {@code binding}'s care-of address: if an alert holds for
     * that network it is told at once, paced like an event push, instead of at the next periodic
     * push (issue 15). Part of the event delivery.
     */
    void arrived(Binding binding) {
        if (!deliveries.event()) {
            return;
        }
        Optional<Integer> network = directory.networkOfCareOf(binding.careOfAddress());
        Optional<Alert> alert = network.flatMap(n -> book.newestFor(n, clock.instant()));
        if (alert.isEmpty()) {
            return;
        }
        Optional<MobileKey> mobile = directory.mobile(binding.homeAddress());
        if (mobile.isEmpty()) {
            counters.count(ReactiveCount.NO_SECURITY_ASSOCIATION);
            problems.log("no security association", () -> binding.homeAddress().getHostAddress()
                    + " registered into alerted network " + network.get() + " without an MN-HA security association:"
                    + " not advised");
            return;
        }
        counters.count(ReactiveCount.ADVICE_ON_ARRIVAL);
        pusher.push(mobile.get(), alert.get(), network.get());
    }

    /**
     * Every {@code periodicSeconds}: forgets expired alerts and, with the periodic delivery, pushes the
     * rest again to the mobiles in their networks that have not acknowledged them.
     */
    void periodic() {
        Instant now = clock.instant();
        for (Alert gone : book.expire(now)) {
            counters.count(ReactiveCount.ALERTS_EXPIRED);
            LOG.info("alert {} expired ({} for networks {})", gone.id(), gone.reason(), gone.networks());
            pusher.forget(gone.id());
            publish.accept(AlertEvents.of(gone, AlertEvents.State.EXPIRED, now));
        }
        if (deliveries.periodic()) {
            book.active(now).forEach(alert -> pushAll(alert, true));
        }
    }

    /** Paces out what is queued; the component calls it every {@value ReactivePusher#TICK_MILLIS} ms. */
    int tick() {
        return pusher.tick();
    }

    /**
     * A datagram from a mobile: an ack or a pull. A pull's answer goes back where the pull came from
     * ({@code replyToSender}), as a Registration Reply goes to the request's source (RFC 5944 §3.7.1):
     * the mobile asks from whichever socket it waits on.
     */
    void received(byte[] datagram, Consumer<byte[]> replyToSender) {
        Decoded<ReactiveMessageCodec.Received> decoded = ReactiveMessageCodec.decode(datagram);
        if (decoded instanceof Decoded.Malformed<ReactiveMessageCodec.Received> m) {
            malformed(m.counterKey(), m.detail());
            return;
        }
        ReactiveMessageCodec.Received r = ((Decoded.Valid<ReactiveMessageCodec.Received>) decoded).message();
        if (!(r.message() instanceof ReactiveMessage.Ack || r.message() instanceof ReactiveMessage.Pull)) {
            malformed("reactive message direction", "a " + r.message().getClass().getSimpleName()
                    + " sent to the advisor by " + r.homeAddress().getHostAddress());
            return;
        }
        Optional<SecurityAssociation> sa = directory.association(r.homeAddress(), r.spi());
        if (sa.isEmpty() || !r.authentic(sa.get().algorithm(), sa.get().key())) {
            counters.count(ReactiveCount.INBOUND_NOT_AUTHENTIC);
            problems.log("not authentic", () -> "reactive " + r.message().getClass().getSimpleName() + " of "
                    + r.homeAddress().getHostAddress() + " SPI " + r.spi() + " dropped: "
                    + (sa.isEmpty() ? "no such security association" : "wrong authenticator"));
            return;
        }
        if (r.message() instanceof ReactiveMessage.Ack ack) {
            pusher.acknowledged(ack.homeAddress(), ack.identification());
        } else {
            answer((ReactiveMessage.Pull) r.message(), new MobileKey(r.homeAddress(), sa.get()), replyToSender);
        }
    }

    private void answer(ReactiveMessage.Pull pull, MobileKey mobile, Consumer<byte[]> replyToSender) {
        counters.count(ReactiveCount.PULLS);
        if (!deliveries.pull()) {
            counters.count(ReactiveCount.PULLS_DISABLED);
            return;
        }
        Instant now = clock.instant();
        Long last = lastPull.get(pull.homeAddress());
        if (!TimestampIdentifications.near(pull.identification(), now, replayToleranceSeconds)
                || (last != null && Long.compareUnsigned(pull.identification(), last) <= 0)) {
            counters.count(ReactiveCount.PULLS_REPLAYED);
            problems.log("pull replayed", () -> "pull of " + pull.homeAddress().getHostAddress()
                    + " dropped: identification not new or not within " + replayToleranceSeconds + " s of our clock");
            return;
        }
        lastPull.put(pull.homeAddress(), pull.identification());
        Optional<Integer> network = directory.networkOf(pull.homeAddress());
        if (network.isEmpty()) {
            counters.count(ReactiveCount.PULLS_NOT_REGISTERED);
        }
        Optional<Alert> alert = network.flatMap(n -> book.newestFor(n, now));
        ReactiveMessage reply;
        if (alert.isPresent()) {
            reply = new ReactiveMessage.Advice(pull.homeAddress(), pull.identification(), network.get(),
                    alert.get().reason(), alert.get().expiryLeft(now), alert.get().alternative(), true);
            counters.count(ReactiveCount.PULLS_ANSWERED_ADVICE);
        } else {
            reply = new ReactiveMessage.NothingToAdvise(pull.homeAddress(), pull.identification());
            counters.count(ReactiveCount.PULLS_ANSWERED_NOTHING);
        }
        replyToSender.accept(ReactivePusher.encode(reply, mobile));
    }

    private void malformed(String key, String detail) {
        counters.count(ReactiveCount.INBOUND_MALFORMED);
        counters.problem(key);
        problems.log(key, () -> "reactive datagram dropped, " + detail);
    }

    List<Alert> alerts() {
        return book.active(clock.instant());
    }

    Optional<Alert> clear(int id) {
        Optional<Alert> cleared = book.clear(id);
        cleared.ifPresent(a -> {
            counters.count(ReactiveCount.ALERTS_CLEARED);
            pusher.forget(a.id());
            LOG.info("alert {} cleared by the operator ({} for networks {})", a.id(), a.reason(), a.networks());
            publish.accept(AlertEvents.of(a, AlertEvents.State.CLEARED, clock.instant()));
        });
        return cleared;
    }

    ReactiveCounters counters() {
        return counters;
    }

    int queued() {
        return pusher.queued();
    }

    int unacknowledged() {
        return pusher.unacknowledged();
    }
}
