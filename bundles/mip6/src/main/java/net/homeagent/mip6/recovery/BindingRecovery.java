package net.homeagent.mip6.recovery;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip6.cache.Mip6Binding;

/**
 * Binding cache recovery after a restart (the "binding cache recovery" design of
 * ARCHITECTURE.md; RFC 6275 §6.1.2 Binding Refresh Request, §11.7.4 the mobile node answers one
 * with a Binding Update): the backed-up entries are copied into a work table, ordered by
 * {@link CareOfPrefixShuffle}, and each mobile node is asked in turn to re-register, paced, with a
 * timer per node; a Binding Update the home agent accepts validates the entry, silence past the
 * last timer deletes it.
 *
 * <p>Per entry, the states of the design:
 * <pre>
 *  WAITING --request sent--> ASKED --timer, attempts left--> WAITING (retry queue, served first)
 *  WAITING|ASKED --Binding Update accepted--> VALIDATED
 *  ASKED --timer of the last attempt--> DELETED (RecoveryActions.deleteSilent)
 * </pre>
 * Pacing: one request per slot; slots are 1 / rate apart, each gap jittered; a request is never
 * sent to a care-of prefix less than the prefix spacing after the previous one to that prefix: the
 * pacer then looks further down the order (up to the look-ahead) for an entry of another prefix,
 * and if there is none it waits. Nor does it send two requests in a row to one prefix while the
 * look-ahead holds an eligible entry of another: after a wait longer than the spacing every prefix
 * is eligible again, and the look-ahead's earlier picks may have left two of one prefix side by side
 * in the order. A request sent more than one interval after its slot restarts the
 * schedule from itself, so neither a late timer nor a wait for a prefix's spacing turns into a burst.
 *
 * <p>Pure logic: time is the caller's ({@code nowMillis} arguments), chance is the injected
 * {@link RandomGenerator}. Thread-safe (one lock): {@link #runDue} runs on the recovery's thread,
 * {@link #bindingUpdateAccepted} on the signalling thread, {@link #progress} in the shell. Per-entry
 * transitions are logged at DEBUG and counted (a million INFO lines would drown the log); the
 * recovery's start, end and every tenth of its progress are INFO.
 */
public final class BindingRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(BindingRecovery.class);

    private static final byte WAITING = 0;
    private static final byte ASKED = 1;
    private static final byte VALIDATED = 2;
    private static final byte DELETED = 3;

    private final RecoverySettings settings;
    private final RecoveryActions actions;
    private final RandomGenerator random;
    private final long seed;

    private final Mip6Binding[] entries;
    private final Map<Inet6Address, Integer> byHome;
    private final int[] order;
    private final int[] groupOf;
    private final long[] groupPrefix;
    private final long[] groupLastSent;
    private final byte[] state;
    private final byte[] attempts;
    private final long[] deadline;
    /** entries whose request timed out with attempts left; served before the order */
    private final IntFifo retries = new IntFifo();
    /** one queue per attempt number: every timer of attempt k has the same length, so each queue is in deadline order */
    private final IntFifo[] timers;

    private int cursor;
    /** the prefix group of the request sent last, -1 before the first */
    private int lastGroup = -1;
    private long nextSlot;
    private long firstSentAt = -1;
    private long lastSentAt = -1;
    private long sent;
    private long retried;
    private int validated;
    private int deleted;
    private int awaiting;
    private int nextReportTenth = 1;

    private BindingRecovery(List<Mip6Binding> backedUp, long nowMillis, RecoverySettings settings,
            RecoveryActions actions, RandomGenerator random, long seed) {
        this.settings = settings;
        this.actions = actions;
        this.random = random;
        this.seed = seed;
        this.entries = backedUp.toArray(Mip6Binding[]::new);
        int n = entries.length;
        this.byHome = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
        long[] prefixes = new long[n];
        for (int i = 0; i < n; i++) {
            if (byHome.put(entries[i].homeAddress(), i) != null) {
                throw new IllegalArgumentException("home address twice in the backup: " + entries[i].homeAddress());
            }
            prefixes[i] = CareOfPrefix.of(entries[i].careOfAddress(), settings.prefixLength());
        }
        CareOfPrefixShuffle.ShuffledOrder shuffled = CareOfPrefixShuffle.shuffle(prefixes, random);
        this.order = shuffled.order();
        this.groupOf = shuffled.groupOf();
        this.groupPrefix = shuffled.groupPrefix();
        this.groupLastSent = new long[groupPrefix.length];
        Arrays.fill(groupLastSent, Long.MIN_VALUE / 2);
        this.state = new byte[n];
        this.attempts = new byte[n];
        this.deadline = new long[n];
        this.timers = new IntFifo[settings.attempts()];
        for (int a = 0; a < timers.length; a++) {
            timers[a] = new IntFifo();
        }
        this.nextSlot = nowMillis;
    }

    /**
     * Builds the work table from the backed-up entries (one per home address) and shuffles it.
     *
     * @param seed the shuffle's and the jitter's seed (logged: the same seed gives the same order)
     */
    public static BindingRecovery start(List<Mip6Binding> backedUp, long nowMillis, RecoverySettings settings,
            RecoveryActions actions, long seed) {
        BindingRecovery recovery = new BindingRecovery(backedUp, nowMillis, settings, actions,
                new SplittableRandom(seed), seed);
        LOG.info("binding recovery: {} backed-up entries in {} care-of prefixes (/{}), seed {}, {} requests/s, "
                + "prefix spacing {} ms, jitter {}, timer {} ms x {} attempts", backedUp.size(),
                recovery.groupPrefix.length, settings.prefixLength(), seed, settings.requestsPerSecond(),
                settings.prefixSpacingMillis(), settings.jitter(), settings.responseTimeoutMillis(), settings.attempts());
        return recovery;
    }

    /**
     * Fires the timers due and sends the requests whose slots have come.
     *
     * @return when to call again (epoch ms), {@code Long.MAX_VALUE} once nothing is pending
     */
    public synchronized long runDue(long nowMillis) {
        fireTimers(nowMillis);
        sendDue(nowMillis);
        reportProgress();
        return nextDue();
    }

    /**
     * The home agent accepted a Binding Update (or a deregistration) for {@code homeAddress}: if it
     * is an entry still pending here, it is validated (its timer, if any, is dropped when it comes).
     *
     * @return whether it was a pending entry of the recovery
     */
    public synchronized boolean bindingUpdateAccepted(Inet6Address homeAddress) {
        Integer entry = byHome.get(homeAddress);
        if (entry == null || state[entry] >= VALIDATED) {
            return false;
        }
        if (state[entry] == ASKED) {
            awaiting--;
        }
        state[entry] = VALIDATED;
        validated++;
        LOG.debug("recovery {}: {} -> VALIDATED (Binding Update accepted, RFC 6275 §11.7.4)", homeAddress,
                attempts[entry] == 0 ? "WAITING" : "ASKED");
        return true;
    }

    /** The state of {@code homeAddress}'s entry, for mip6:binding: "waiting", "asked 2", "validated", "deleted". */
    public synchronized Optional<String> entryState(Inet6Address homeAddress) {
        Integer entry = byHome.get(homeAddress);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(switch (state[entry]) {
            case WAITING -> attempts[entry] == 0 ? "waiting" : "waiting retry " + (attempts[entry] + 1);
            case ASKED -> "asked " + attempts[entry] + " of " + settings.attempts();
            case VALIDATED -> "validated";
            default -> "deleted";
        });
    }

    public synchronized RecoveryProgress progress() {
        int pending = entries.length - validated - deleted;
        double elapsed = sent == 0 ? 0 : (lastSentAt - firstSentAt) / 1000.0;
        // n requests span n - 1 gaps
        double measured = sent < 2 || elapsed <= 0 ? 0 : (sent - 1) / elapsed;
        return new RecoveryProgress(entries.length, validated, deleted, pending, awaiting, sent, retried,
                settings.requestsPerSecond(), measured, seed, pending == 0);
    }

    private void fireTimers(long now) {
        for (int a = 0; a < timers.length; a++) {
            IntFifo queue = timers[a];
            while (!queue.isEmpty() && deadline[queue.peek()] <= now) {
                int entry = queue.poll();
                if (state[entry] != ASKED) {
                    continue;   // validated meanwhile: its timer simply lapses
                }
                awaiting--;
                if (attempts[entry] < settings.attempts()) {
                    state[entry] = WAITING;
                    retries.add(entry);
                    LOG.debug("recovery {}: ASKED -> WAITING (no answer to request {}, retry)",
                            entries[entry].homeAddress(), attempts[entry]);
                } else if (actions.deleteSilent(entries[entry])) {
                    state[entry] = DELETED;
                    deleted++;
                    LOG.debug("recovery {}: ASKED -> DELETED (no answer to {} requests)", entries[entry].homeAddress(),
                            attempts[entry]);
                } else {
                    state[entry] = VALIDATED;
                    validated++;
                    LOG.debug("recovery {}: ASKED -> VALIDATED (a Binding Update raced the last timer)",
                            entries[entry].homeAddress());
                }
            }
        }
    }

    private void sendDue(long now) {
        while (nextSlot <= now) {
            int entry = nextEligible(now);
            if (entry < 0) {
                return;
            }
            attempts[entry]++;
            state[entry] = ASKED;
            awaiting++;
            deadline[entry] = now + settings.timeoutMillis(attempts[entry]);
            timers[attempts[entry] - 1].add(entry);
            groupLastSent[groupOf[entry]] = now;
            lastGroup = groupOf[entry];
            sent++;
            if (attempts[entry] > 1) {
                retried++;
            }
            if (firstSentAt < 0) {
                firstSentAt = now;
            }
            lastSentAt = now;
            actions.sendRefreshRequest(entries[entry], attempts[entry]);
            double gap = settings.intervalMillis() * (1 + settings.jitter() * (2 * random.nextDouble() - 1));
            // on schedule (or late by less than one interval) the slots keep their times; later than
            // that (a late timer, a wait for a prefix's spacing) the schedule restarts from this request
            long base = now - nextSlot > settings.intervalMillis() ? now : nextSlot;
            nextSlot = base + Math.max(1, Math.round(gap));
        }
    }

    /**
     * The next entry to ask whose prefix is past its spacing: the retry queue first, then the order's
     * look-ahead window; one of the prefix asked last only when neither holds an eligible other.
     */
    private int nextEligible(long now) {
        while (!retries.isEmpty() && state[retries.peek()] != WAITING) {
            retries.poll();
        }
        int entry = take(now, false);
        return entry >= 0 ? entry : take(now, true);
    }

    private int take(long now, boolean lastGroupToo) {
        if (!retries.isEmpty() && eligible(retries.peek(), now, lastGroupToo)) {
            return retries.poll();
        }
        skipSettled();
        int end = Math.min(order.length, cursor + settings.lookAhead());
        for (int position = cursor; position < end; position++) {
            int entry = order[position];
            if (state[entry] == WAITING && eligible(entry, now, lastGroupToo)) {
                // the skipped one takes the taken one's place in the order
                order[position] = order[cursor];
                order[cursor] = entry;
                cursor++;
                return entry;
            }
        }
        return -1;
    }

    private void skipSettled() {
        while (cursor < order.length && state[order[cursor]] != WAITING) {
            cursor++;
        }
    }

    private boolean eligible(int entry, long now, boolean lastGroupToo) {
        int group = groupOf[entry];
        return (lastGroupToo || group != lastGroup) && now - groupLastSent[group] >= settings.prefixSpacingMillis();
    }

    private long nextDue() {
        long due = Long.MAX_VALUE;
        for (IntFifo queue : timers) {
            while (!queue.isEmpty() && state[queue.peek()] != ASKED) {
                queue.poll();
            }
            if (!queue.isEmpty()) {
                due = Math.min(due, deadline[queue.peek()]);
            }
        }
        long send = nextSend();
        return Math.min(due, send);
    }

    /** When the next request can go: its slot, or later if every candidate's prefix is still within its spacing. */
    private long nextSend() {
        long earliest = Long.MAX_VALUE;
        if (!retries.isEmpty()) {
            earliest = spacedUntil(retries.peek());
        }
        skipSettled();
        int end = Math.min(order.length, cursor + settings.lookAhead());
        for (int position = cursor; position < end; position++) {
            int entry = order[position];
            if (state[entry] == WAITING) {
                earliest = Math.min(earliest, spacedUntil(entry));
            }
        }
        return earliest == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(nextSlot, earliest);
    }

    private long spacedUntil(int entry) {
        return groupLastSent[groupOf[entry]] + settings.prefixSpacingMillis();
    }

    private void reportProgress() {
        int settled = validated + deleted;
        if (entries.length == 0 || settled * 10L < (long) nextReportTenth * entries.length) {
            return;
        }
        while (nextReportTenth <= 10 && settled * 10L >= (long) nextReportTenth * entries.length) {
            nextReportTenth++;
        }
        RecoveryProgress progress = progress();
        LOG.info("binding recovery {}: {} of {} settled ({} validated, {} deleted), {} requests sent ({} retries), "
                + "{} /s", progress.finished() ? "finished" : "progress", settled, entries.length, validated, deleted,
                sent, retried, String.format("%.1f", progress.measuredRate()));
    }

    /** The care-of prefix of {@code homeAddress}'s entry as text, for mip6:binding. */
    public synchronized Optional<String> careOfPrefix(Inet6Address homeAddress) {
        Integer entry = byHome.get(homeAddress);
        return entry == null ? Optional.empty()
                : Optional.of(CareOfPrefix.format(groupPrefix[groupOf[entry]], settings.prefixLength()));
    }
}
