package net.homeagent.mimm.reactive;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

import net.homeagent.mip.codec.mimm.ReactiveMessage;
import net.homeagent.mip.codec.mimm.ReactiveMessageCodec;
import net.homeagent.mip.codec.mimm.TimestampIdentifications;

/**
 * Pushes reactive advice to mobiles at a pace, and retransmits it until acknowledged (house rule 6:
 * acked, retransmitted with backoff, a bounded number of times). {@link #tick} is called often (every
 * {@value #TICK_MILLIS} ms by the component, or by a test with its own clock); each call sends what
 * the {@link TokenBucket} allows: first the retransmissions that are due, then queued advice, in the
 * order queued.
 *
 * <p>One advice per mobile and alert: a push for a mobile whose advice for the same alert is still
 * queued or unacknowledged is coalesced (periodic pushes do not pile up behind a slow pace); a newer
 * alert's advice supersedes an older one the mobile has not acknowledged. A periodic reminder
 * ({@link #remind}) is not sent to a mobile that acknowledged the same alert's advice already: at
 * 100,000 mobiles and the default pace a push takes 100 s, longer than the periodic interval, and
 * reminding every mobile that knows would keep the pace full for as long as the alert holds, with a
 * mobile arriving in the network queued behind them all. A retransmission is the
 * same datagram, the same identification: a mobile that acknowledged and lost the ack sees a
 * duplicate, acknowledges again and does not act twice. The identification is taken when the advice
 * is first sent, not when queued, so that a mobile far down a paced queue still finds it near its
 * clock (RFC 5944 §5.7.1).
 */
final class ReactivePusher {

    static final int TICK_MILLIS = 10;

    /**
     * @param initial  the wait for an ack after the first send; doubled after each retransmission
     * @param attempts sends in all (the first and the retransmissions), at least 1
     */
    record Retransmission(Duration initial, int attempts) {
        Retransmission {
            if (initial.isNegative() || initial.isZero() || attempts < 1 || attempts > 16) {
                throw new IllegalArgumentException("retransmitInitialMillis must be > 0 and retransmitAttempts 1 to 16");
            }
        }

        /** When the last send leaves, after the first: initial x (2^(attempts - 1) - 1). */
        Duration lastSendAfter() {
            return initial.multipliedBy((1L << (attempts - 1)) - 1);
        }

        /**
         * Every send carries the first one's identification (a mobile that lost its ack must see a
         * duplicate), and a mobile refuses an identification farther from its clock than its replay
         * tolerance (RFC 5944 §5.7.1 timestamps): a send that leaves that late reaches only a mobile
         * that took an earlier copy, so a schedule whose last send leaves at or past the tolerance is
         * refused.
         */
        Retransmission within(Duration replayTolerance) {
            if (lastSendAfter().compareTo(replayTolerance) >= 0) {
                throw new IllegalArgumentException("retransmitAttempts " + attempts + " with retransmitInitialMillis "
                        + initial.toMillis() + " sends the last copy " + lastSendAfter().toMillis()
                        + " ms after the first, not within the mobiles' replay tolerance of " + replayTolerance.toSeconds()
                        + " s (replayToleranceSeconds, RFC 5944 §5.7.1): it carries the first copy's identification,"
                        + " which a mobile that missed the others refuses as a replay; fewer attempts or a shorter wait");
            }
            return this;
        }
    }

    private final Clock clock;
    private final AdviceSink sink;
    private final TokenBucket bucket;
    private final Retransmission retransmission;
    private final TimestampIdentifications identifications;
    private final Predicate<Alert> stillHolds;
    private final ReactiveCounters counters;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Map<Inet4Address, Integer> queuedAlert = new HashMap<>();
    private final Map<Inet4Address, Outstanding> outstanding = new HashMap<>();
    private final PriorityQueue<Outstanding> retries = new PriorityQueue<>(Comparator.comparing(o -> o.nextAt));
    /** Per alert id, the home addresses that acknowledged its advice; forgotten with the alert ({@link #forget}). */
    private final Map<Integer, Set<Inet4Address>> acknowledgedBy = new HashMap<>();

    ReactivePusher(Clock clock, AdviceSink sink, TokenBucket bucket, Retransmission retransmission,
            TimestampIdentifications identifications, Predicate<Alert> stillHolds, ReactiveCounters counters) {
        this.clock = clock;
        this.sink = sink;
        this.bucket = bucket;
        this.retransmission = retransmission;
        this.identifications = identifications;
        this.stillHolds = stillHolds;
        this.counters = counters;
    }

    private record Queued(MobileKey mobile, Alert alert, int network) {
    }

    private static final class Outstanding {
        final MobileKey mobile;
        final int alertId;
        final long identification;
        final byte[] datagram;
        int sends = 1;
        Instant nextAt;
        boolean done;

        Outstanding(MobileKey mobile, int alertId, long identification, byte[] datagram, Instant nextAt) {
            this.mobile = mobile;
            this.alertId = alertId;
            this.identification = identification;
            this.datagram = datagram;
            this.nextAt = nextAt;
        }
    }

    /**
     * Queues the alert's advice for this mobile in {@code network} (one of the alert's), unless the same
     * alert's is queued or unacknowledged.
     */
    synchronized void push(MobileKey mobile, Alert alert, int network) {
        Inet4Address home = mobile.home();
        Outstanding waiting = outstanding.get(home);
        Integer queued = queuedAlert.get(home);
        if ((queued != null && queued == alert.id()) || (waiting != null && waiting.alertId == alert.id())) {
            counters.count(ReactiveCount.ADVICE_COALESCED);
            return;
        }
        queuedAlert.put(home, alert.id());
        queue.add(new Queued(mobile, alert, network));
        counters.count(ReactiveCount.ADVICE_QUEUED);
    }

    /**
     * A periodic push: as {@link #push}, unless the mobile acknowledged this alert's advice already
     * (it knows; a mobile that did not, or whose advice was given up, is told again).
     */
    synchronized void remind(MobileKey mobile, Alert alert, int network) {
        Set<Inet4Address> acknowledged = acknowledgedBy.get(alert.id());
        if (acknowledged != null && acknowledged.contains(mobile.home())) {
            counters.count(ReactiveCount.REMINDER_NOT_NEEDED);
            return;
        }
        push(mobile, alert, network);
    }

    /** The alert expired or was cleared: its acknowledgements are no longer needed. */
    synchronized void forget(int alertId) {
        acknowledgedBy.remove(alertId);
    }

    /** Sends what the pace allows now; returns how many datagrams left. */
    synchronized int tick() {
        Instant now = clock.instant();
        int sent = 0;
        while (true) {
            Outstanding due = dueRetry(now);
            if (due == null && queue.isEmpty()) {
                return sent;
            }
            if (due != null && due.sends >= retransmission.attempts()) {
                giveUp(due);
                continue;
            }
            if (due == null && !stillHolds.test(queue.peek().alert())) {
                Queued gone = queue.poll();
                queuedAlert.remove(gone.mobile().home(), gone.alert().id());
                counters.count(ReactiveCount.ADVICE_ALERT_GONE);
                continue;
            }
            if (!bucket.take(now)) {
                return sent;
            }
            if (due != null) {
                retries.poll();
                due.sends++;
                due.nextAt = now.plus(retransmission.initial().multipliedBy(1L << (due.sends - 1)));
                retries.add(due);
                sink.send(due.mobile.home(), due.datagram);
                counters.count(ReactiveCount.ADVICE_RETRANSMITTED);
                sent++;
            } else {
                sendFirst(queue.poll(), now);
                sent++;
            }
        }
    }

    private Outstanding dueRetry(Instant now) {
        while (!retries.isEmpty() && retries.peek().done) {
            retries.poll();
        }
        Outstanding first = retries.peek();
        return first != null && !first.nextAt.isAfter(now) ? first : null;
    }

    private void giveUp(Outstanding o) {
        retries.poll();
        o.done = true;
        outstanding.remove(o.mobile.home(), o);
        counters.count(ReactiveCount.ADVICE_GAVE_UP);
    }

    private void sendFirst(Queued q, Instant now) {
        Inet4Address home = q.mobile().home();
        queuedAlert.remove(home, q.alert().id());
        long id = identifications.next();
        ReactiveMessage.Advice advice = new ReactiveMessage.Advice(home, id, q.network(),
                q.alert().reason(), q.alert().expiryLeft(now), q.alert().alternative(), false);
        byte[] datagram = encode(advice, q.mobile());
        Outstanding o = new Outstanding(q.mobile(), q.alert().id(), id, datagram,
                now.plus(retransmission.initial()));
        Outstanding previous = outstanding.put(home, o);
        if (previous != null) {
            previous.done = true;
            counters.count(ReactiveCount.ADVICE_SUPERSEDED);
        }
        retries.add(o);
        sink.send(home, datagram);
        counters.count(ReactiveCount.ADVICE_SENT);
    }

    static byte[] encode(ReactiveMessage message, MobileKey mobile) {
        return ReactiveMessageCodec.encode(message, mobile.association().spi(), mobile.association().algorithm(),
                mobile.association().key());
    }

    /** An authentic ack: the advice it names is done. Returns whether it matched one outstanding. */
    synchronized boolean acknowledged(Inet4Address home, long identification) {
        Outstanding o = outstanding.get(home);
        if (o == null || o.identification != identification) {
            counters.count(ReactiveCount.ACKS_UNMATCHED);
            return false;
        }
        o.done = true;
        outstanding.remove(home);
        acknowledgedBy.computeIfAbsent(o.alertId, id -> new HashSet<>()).add(home);
        counters.count(ReactiveCount.ADVICE_ACKED);
        return true;
    }

    synchronized int queued() {
        return queue.size();
    }

    synchronized int unacknowledged() {
        return outstanding.size();
    }
}
