package net.homeagent.mip6.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.cache.Mip6Binding;

class BindingRecoveryTest {

    /** 100 requests/s: a slot every 10 ms. */
    private static final RecoverySettings STEADY = new RecoverySettings(100, 0, 0, 1000, 3, 64, 64);
    /** The same with timers too long to fire in these tests. */
    private static final RecoverySettings NO_RETRY = new RecoverySettings(100, 0, 0, 600_000, 1, 64, 64);

    private final List<Sent> sent = new ArrayList<>();
    private final List<Mip6Binding> deleted = new ArrayList<>();
    /** entries a Binding Update replaced in the cache just before their last timer fired */
    private final List<Mip6Binding> overtaken = new ArrayList<>();
    private long now = 1_000_000;

    private record Sent(long at, Mip6Binding entry, int attempt) {
    }

    private final RecoveryActions actions = new RecoveryActions() {
        @Override
        public void sendRefreshRequest(Mip6Binding entry, int attempt) {
            sent.add(new Sent(now, entry, attempt));
        }

        @Override
        public boolean deleteSilent(Mip6Binding entry) {
            deleted.add(entry);
            return !overtaken.contains(entry);
        }
    };

    private static Mip6Binding entry(int prefix, int host) {
        return new Mip6Binding(Addresses.inPrefix(0x100, prefix * 1000 + host), Addresses.inPrefix(prefix, host), 7,
                3600, 5_000_000, Mip6Binding.Origin.RESTORED);
    }

    /** {@code perPrefix} entries in each of {@code prefixes} care-of prefixes. */
    private static List<Mip6Binding> entries(int prefixes, int perPrefix) {
        List<Mip6Binding> all = new ArrayList<>();
        for (int p = 1; p <= prefixes; p++) {
            for (int h = 1; h <= perPrefix; h++) {
                all.add(entry(p, h));
            }
        }
        return all;
    }

    /** Calls runDue exactly when it says, until {@code until} or nothing is pending. */
    private void runUntil(BindingRecovery recovery, long until) {
        long next = recovery.runDue(now);
        while (next != Long.MAX_VALUE && next <= until) {
            now = Math.max(now, next);
            next = recovery.runDue(now);
        }
        now = Math.max(now, until);
    }

    @Test
    void requestsGoOutAtTheConfiguredRateOnePerSlot() {
        BindingRecovery recovery = BindingRecovery.start(entries(10, 10), now, STEADY, actions, 1);
        long start = now;
        runUntil(recovery, start + 995);
        assertThat(sent).hasSize(100);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i).at()).isEqualTo(start + 10L * i);
            assertThat(sent.get(i).attempt()).isEqualTo(1);
        }
        assertThat(sent.stream().map(s -> s.entry().homeAddress()).distinct()).hasSize(100);
        RecoveryProgress progress = recovery.progress();
        assertThat(progress.requestsSent()).isEqualTo(100);
        assertThat(progress.awaitingAnswer()).isEqualTo(100);
        assertThat(progress.pending()).isEqualTo(100);
        assertThat(progress.measuredRate()).isCloseTo(100.0, within(1e-6));
    }

    @Test
    void consecutiveRequestsGoToDifferentPrefixes() {
        BindingRecovery recovery = BindingRecovery.start(entries(5, 20), now, NO_RETRY, actions, 9);
        runUntil(recovery, now + 2000);
        assertThat(sent).hasSize(100);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(prefixOf(sent.get(i))).isNotEqualTo(prefixOf(sent.get(i - 1)));
        }
    }

    private static long prefixOf(Sent sent) {
        return CareOfPrefix.of(sent.entry().careOfAddress(), 64);
    }

    @Test
    void jitterKeepsEveryGapWithinItsBoundsAndTheMeanAtTheRate() {
        RecoverySettings jittered = new RecoverySettings(100, 0, 0.5, 60_000, 1, 64, 64);
        BindingRecovery recovery = BindingRecovery.start(entries(20, 50), now, jittered, actions, 4);
        runUntil(recovery, now + 20_000);
        assertThat(sent).hasSize(1000);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 1; i < sent.size(); i++) {
            long gap = sent.get(i).at() - sent.get(i - 1).at();
            min = Math.min(min, gap);
            max = Math.max(max, gap);
        }
        assertThat(min).isBetween(5L, 6L);
        assertThat(max).isBetween(14L, 15L);
        assertThat(min).isLessThan(max);
        double mean = (sent.get(999).at() - sent.get(0).at()) / 999.0;
        assertThat(mean).isBetween(9.5, 10.5);
    }

    @Test
    void twoRequestsToOnePrefixAreNeverCloserThanTheSpacing() {
        // 3 prefixes, 100 requests/s, 50 ms between two to one prefix: the spacing, not the rate, binds
        RecoverySettings spaced = new RecoverySettings(100, 50, 0, 60_000, 1, 64, 64);
        BindingRecovery recovery = BindingRecovery.start(entries(3, 10), now, spaced, actions, 2);
        long start = now;
        runUntil(recovery, start + 10_000);
        assertThat(sent).hasSize(30);
        Map<Long, Long> lastAt = new HashMap<>();
        for (Sent s : sent) {
            Long previous = lastAt.put(prefixOf(s), s.at());
            if (previous != null) {
                assertThat(s.at() - previous).isGreaterThanOrEqualTo(50);
            }
        }
        // three prefixes each every 50 ms: 30 requests take at least 9 x 50 ms
        assertThat(sent.get(29).at() - start).isGreaterThanOrEqualTo(450);
    }

    @Test
    void theLookAheadTakesAnotherPrefixWhileTheNextOneIsWithinItsSpacing() {
        // one prefix with 20 entries, 40 with one each; 30 ms between two requests to one prefix, slots of 10 ms
        List<Mip6Binding> all = new ArrayList<>(entries(1, 20));
        for (int p = 2; p <= 41; p++) {
            all.add(entry(p, 1));
        }
        long withLookAhead = finishTime(all, 64);
        List<Sent> spaced = List.copyOf(sent);
        long firstPrefix = CareOfPrefix.of(entry(1, 1).careOfAddress(), 64);
        long previous = Long.MIN_VALUE / 2;
        for (Sent s : spaced) {
            if (prefixOf(s) == firstPrefix) {
                assertThat(s.at() - previous).isGreaterThanOrEqualTo(30);
                previous = s.at();
            }
        }
        sent.clear();
        long inOrderOnly = finishTime(all, 1);
        assertThat(spaced).hasSize(60);
        assertThat(sent).hasSize(60);
        // the same order (seed): where two of the big prefix are 20 ms apart, the look-ahead fills the slot
        assertThat(withLookAhead).isLessThan(inOrderOnly);
    }

    @Test
    void aStalledCallerStillSendsConsecutiveRequestsToDifferentPrefixes() {
        // the shape of run-mip6-ha.sh: 8 prefixes of 25, 100 requests/s, 40 ms between two to one prefix; the
        // caller is held up past the spacing now and then (a loaded box), so every prefix is eligible again
        // and the look-ahead's earlier swaps have left two of one prefix side by side in the order
        RecoverySettings spaced = new RecoverySettings(100, 40, 0.5, 600_000, 1, 64, 64);
        for (int seed = 1; seed <= 50; seed++) {
            sent.clear();
            BindingRecovery recovery = BindingRecovery.start(entries(8, 25), now, spaced, actions, seed);
            java.util.Random stalls = new java.util.Random(seed);
            long next = recovery.runDue(now);
            while (next != Long.MAX_VALUE) {
                now = Math.max(now, next) + (stalls.nextInt(8) == 0 ? 45 + stalls.nextInt(30) : 0);
                next = recovery.runDue(now);
            }
            assertThat(sent).hasSize(200);
            for (int i = 1; i < sent.size(); i++) {
                long prefix = prefixOf(sent.get(i));
                if (prefix == prefixOf(sent.get(i - 1))) {
                    // allowed only at the end, when what is left is all of that prefix
                    assertThat(sent.subList(i, sent.size())).as("seed %d, request %d", seed, i)
                            .allMatch(s -> prefixOf(s) == prefix);
                }
            }
        }
    }

    /** The time from start to the last request of the same shuffled order with the given look-ahead. */
    private long finishTime(List<Mip6Binding> all, int lookAhead) {
        RecoverySettings spaced = new RecoverySettings(100, 30, 0, 600_000, 1, 64, lookAhead);
        long start = now;
        BindingRecovery recovery = BindingRecovery.start(all, now, spaced, actions, 6);
        runUntil(recovery, start + 10_000);
        return sent.get(sent.size() - 1).at() - start;
    }

    @Test
    void aLateCallerDoesNotMakeUpForLostSlotsWithABurst() {
        BindingRecovery recovery = BindingRecovery.start(entries(10, 10), now, STEADY, actions, 1);
        recovery.runDue(now);
        assertThat(sent).hasSize(1);
        now += 1000;   // the timer thread was held up for a second
        recovery.runDue(now);
        assertThat(sent).hasSize(2);
        now += 10;
        recovery.runDue(now);
        assertThat(sent).as("the schedule restarted from the late request").hasSize(3);
    }

    @Test
    void silenceAfterEveryAttemptDeletesWithTheTimerDoubledPerRetry() {
        RecoverySettings settings = new RecoverySettings(1000, 0, 0, 100, 3, 64, 64);
        Mip6Binding silent = entry(1, 1);
        BindingRecovery recovery = BindingRecovery.start(List.of(silent), now, settings, actions, 1);
        long start = now;
        runUntil(recovery, start + 10_000);
        assertThat(sent).extracting(Sent::attempt).containsExactly(1, 2, 3);
        assertThat(sent).extracting(Sent::at).containsExactly(start, start + 100, start + 300);
        assertThat(deleted).containsExactly(silent);
        RecoveryProgress progress = recovery.progress();
        assertThat(progress.deleted()).isEqualTo(1);
        assertThat(progress.pending()).isZero();
        assertThat(progress.retries()).isEqualTo(2);
        assertThat(progress.finished()).isTrue();
        assertThat(recovery.entryState(silent.homeAddress())).contains("deleted");
    }

    @Test
    void theLastTimerRunsItsWholeLengthBeforeTheDelete() {
        RecoverySettings settings = new RecoverySettings(1000, 0, 0, 100, 2, 64, 64);
        BindingRecovery recovery = BindingRecovery.start(List.of(entry(1, 1)), now, settings, actions, 1);
        long start = now;
        runUntil(recovery, start + 299);
        assertThat(deleted).isEmpty();
        assertThat(recovery.entryState(entry(1, 1).homeAddress())).contains("asked 2 of 2");
        runUntil(recovery, start + 300);
        assertThat(deleted).hasSize(1);
    }

    @Test
    void aBindingUpdateValidatesBeforeOrAfterTheRequestAndStopsItsTimer() {
        RecoverySettings settings = new RecoverySettings(10, 0, 0, 1000, 2, 64, 64);
        List<Mip6Binding> all = List.of(entry(1, 1), entry(2, 1), entry(3, 1));
        BindingRecovery recovery = BindingRecovery.start(all, now, settings, actions, 3);
        long start = now;
        recovery.runDue(now);
        Mip6Binding asked = sent.get(0).entry();
        List<Mip6Binding> others = all.stream().filter(e -> !e.equals(asked)).toList();
        Mip6Binding early = others.get(0);
        Mip6Binding silent = others.get(1);
        // one re-registers on its own before it is asked, the one asked answers
        assertThat(recovery.bindingUpdateAccepted(early.homeAddress())).isTrue();
        assertThat(recovery.bindingUpdateAccepted(asked.homeAddress())).isTrue();
        assertThat(recovery.bindingUpdateAccepted(asked.homeAddress())).as("already validated").isFalse();
        assertThat(recovery.bindingUpdateAccepted(Addresses.v6("2001:db8:ffff::1"))).as("not restored").isFalse();
        runUntil(recovery, start + 60_000);
        assertThat(sent).extracting(s -> s.entry().homeAddress()).containsExactly(asked.homeAddress(),
                silent.homeAddress(), silent.homeAddress());
        assertThat(deleted).containsExactly(silent);
        RecoveryProgress progress = recovery.progress();
        assertThat(progress.total()).isEqualTo(3);
        assertThat(progress.validated()).isEqualTo(2);
        assertThat(progress.deleted()).isEqualTo(1);
        assertThat(progress.pending()).isZero();
        assertThat(recovery.entryState(asked.homeAddress())).contains("validated");
        assertThat(recovery.entryState(early.homeAddress())).contains("validated");
    }

    @Test
    void anUpdateThatRacedTheLastTimerCountsAsValidated() {
        RecoverySettings settings = new RecoverySettings(1000, 0, 0, 100, 1, 64, 64);
        Mip6Binding raced = entry(1, 1);
        overtaken.add(raced);
        BindingRecovery recovery = BindingRecovery.start(List.of(raced, entry(2, 1)), now, settings, actions, 1);
        runUntil(recovery, now + 1000);
        RecoveryProgress progress = recovery.progress();
        assertThat(progress.validated()).isEqualTo(1);
        assertThat(progress.deleted()).isEqualTo(1);
        assertThat(recovery.entryState(raced.homeAddress())).contains("validated");
    }

    @Test
    void aRetryGoesBeforeEntriesNotYetAsked() {
        RecoverySettings settings = new RecoverySettings(10, 0, 0, 150, 2, 64, 64);
        BindingRecovery recovery = BindingRecovery.start(entries(4, 1), now, settings, actions, 8);
        long start = now;
        runUntil(recovery, start + 250);
        // slots at 0, 100, 200: the first timer fires at 150, its retry takes the slot of 200
        assertThat(sent).extracting(Sent::attempt).containsExactly(1, 1, 2);
        assertThat(sent.get(2).entry()).isEqualTo(sent.get(0).entry());
    }

    @Test
    void progressCountsAndTheRunEnds() {
        RecoverySettings settings = new RecoverySettings(1000, 0, 0, 50, 1, 64, 64);
        List<Mip6Binding> all = entries(4, 25);
        BindingRecovery recovery = BindingRecovery.start(all, now, settings, actions, 12);
        for (int i = 0; i < 40; i++) {
            recovery.bindingUpdateAccepted(all.get(i).homeAddress());
        }
        runUntil(recovery, now + 60_000);
        RecoveryProgress progress = recovery.progress();
        assertThat(progress.total()).isEqualTo(100);
        assertThat(progress.validated()).isEqualTo(40);
        assertThat(progress.deleted()).isEqualTo(60);
        assertThat(progress.pending()).isZero();
        assertThat(progress.requestsSent()).isEqualTo(60);
        assertThat(progress.finished()).isTrue();
        assertThat(recovery.runDue(now)).isEqualTo(Long.MAX_VALUE);
        assertThat(progress.seed()).isEqualTo(12);
    }

    @Test
    void theSameSeedSendsInTheSameOrder() {
        BindingRecovery first = BindingRecovery.start(entries(6, 6), now, NO_RETRY, actions, 77);
        runUntil(first, now + 1000);
        List<Inet6Address> firstOrder = sent.stream().map(s -> s.entry().homeAddress()).toList();
        sent.clear();
        BindingRecovery again = BindingRecovery.start(entries(6, 6), now, NO_RETRY, actions, 77);
        runUntil(again, now + 1000);
        assertThat(sent.stream().map(s -> s.entry().homeAddress()).toList()).isEqualTo(firstOrder);
    }

    @Test
    void aHomeAddressTwiceIsRefused() {
        assertThatThrownBy(() -> BindingRecovery.start(List.of(entry(1, 1), entry(1, 1)), now, STEADY, actions, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void nothingRestoredIsFinishedAtOnce() {
        BindingRecovery recovery = BindingRecovery.start(List.of(), now, STEADY, actions, 1);
        assertThat(recovery.runDue(now)).isEqualTo(Long.MAX_VALUE);
        assertThat(recovery.progress().finished()).isTrue();
        assertThat(sent).isEmpty();
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        assertThatThrownBy(() -> new RecoverySettings(0, 0, 0, 1, 1, 64, 1)).hasMessageContaining("requestsPerSecond");
        assertThatThrownBy(() -> new RecoverySettings(1, -1, 0, 1, 1, 64, 1)).hasMessageContaining("Spacing");
        assertThatThrownBy(() -> new RecoverySettings(1, 0, 1, 1, 1, 64, 1)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new RecoverySettings(1, 0, 0, 0, 1, 64, 1)).hasMessageContaining("Timeout");
        assertThatThrownBy(() -> new RecoverySettings(1, 0, 0, 1, 0, 64, 1)).hasMessageContaining("attempts");
        assertThatThrownBy(() -> new RecoverySettings(1, 0, 0, 1, 1, 65, 1)).hasMessageContaining("prefixLength");
        assertThatThrownBy(() -> new RecoverySettings(1, 0, 0, 1, 1, 64, 0)).hasMessageContaining("lookAhead");
    }
}
