package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerVerifierTest {

    private static final int HOME = 0x0a80_0000; // 10.128.0.0
    private static final int X = 0xc612_0001; // 198.18.0.1
    private static final int Y = 0xc612_0002;
    private static final int Z = 0xc612_0003;
    private static final int LIFETIME = 65000;

    /** Node 0 registered at X then moved to Y, node 1 deregistered, node 2 never answered. */
    private static AcknowledgementLedger movedDeregisteredNever() {
        AcknowledgementLedger ledger = new AcknowledgementLedger(3);
        accept(ledger, 0, X, LIFETIME);
        accept(ledger, 0, Y, LIFETIME);
        accept(ledger, 1, X, LIFETIME);
        accept(ledger, 1, X, 0);
        return ledger;
    }

    private static void accept(AcknowledgementLedger ledger, int node, int careOf, int lifetime) {
        ledger.sent(node, 1, careOf, lifetime);
        ledger.answered(node, true, lifetime);
    }

    private static void leaveUnanswered(AcknowledgementLedger ledger, int node, int careOf, int lifetime) {
        ledger.sent(node, 2, careOf, lifetime);
        ledger.timedOut(node);
    }

    /** Bindings as (home, care-of, lifetime) triples. */
    private static BindingSnapshot snapshot(int... triples) {
        int n = triples.length / 3;
        int[] homes = new int[n];
        int[] careOfs = new int[n];
        int[] lifetimes = new int[n];
        for (int i = 0; i < n; i++) {
            homes[i] = triples[3 * i];
            careOfs[i] = triples[3 * i + 1];
            lifetimes[i] = triples[3 * i + 2];
        }
        return new BindingSnapshot(homes, careOfs, lifetimes);
    }

    private static LedgerVerifier.Verdict verify(AcknowledgementLedger ledger, BindingSnapshot snapshot) {
        return LedgerVerifier.verify(HOME, ledger, snapshot);
    }

    @Test
    void theAcknowledgedStatesPassAndBindingsOutsideTheRangeAreOnlyCounted() {
        LedgerVerifier.Verdict verdict = verify(movedDeregisteredNever(),
                snapshot(HOME, Y, LIFETIME, HOME + 7, Z, 60));
        assertThat(verdict.passed()).as(verdict.report()).isTrue();
        assertThat(verdict.expectedBound()).isEqualTo(1);
        assertThat(verdict.expectedUnbound()).isEqualTo(2);
        assertThat(verdict.found()).isEqualTo(1);
        assertThat(verdict.outsideRange()).isEqualTo(1);
        assertThat(verdict.ok()).isEqualTo(3);
        assertThat(verdict.report()).endsWith("VERIFIED\n");
    }

    @Test
    void aStaleCareOfNextToTheCurrentOneFails() {
        LedgerVerifier.Verdict verdict = verify(movedDeregisteredNever(),
                snapshot(HOME, X, LIFETIME, HOME, Y, LIFETIME));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.staleCareOf()).isEqualTo(1);
        assertThat(verdict.twice()).as("the stale one is the violation, counted once").isZero();
        assertThat(verdict.ok()).isEqualTo(2);
        assertThat(verdict.violations()).singleElement().asString()
                .startsWith("10.128.0.0: stale care-of 198.18.0.1")
                .contains("registered at 198.18.0.2/65000s");
        assertThat(verdict.report()).contains("stale care-of 1").endsWith("VIOLATED\n");
    }

    @Test
    void aMissingBindingAnExtraOneAndAWrongLifetimeFail() {
        LedgerVerifier.Verdict missing = verify(movedDeregisteredNever(), snapshot());
        assertThat(missing.missing()).isEqualTo(1);
        assertThat(missing.passed()).isFalse();

        LedgerVerifier.Verdict resurrected = verify(movedDeregisteredNever(),
                snapshot(HOME, Y, LIFETIME, HOME + 1, X, LIFETIME, HOME + 2, Z, LIFETIME));
        assertThat(resurrected.extra()).as("a deregistered node and a never acknowledged one").isEqualTo(2);

        LedgerVerifier.Verdict lifetime = verify(movedDeregisteredNever(), snapshot(HOME, Y, 600));
        assertThat(lifetime.wrongLifetime()).isEqualTo(1);
        assertThat(lifetime.violations()).singleElement().asString().contains("wrong lifetime 600");
    }

    @Test
    void theSameBindingTwiceFails() {
        LedgerVerifier.Verdict verdict = verify(movedDeregisteredNever(),
                snapshot(HOME, Y, LIFETIME, HOME, Y, LIFETIME));
        assertThat(verdict.twice()).isEqualTo(1);
        assertThat(verdict.passed()).isFalse();
    }

    @Test
    void aNodeWithAnUnansweredRequestMayBeInEitherStateButNotBoth() {
        AcknowledgementLedger ledger = new AcknowledgementLedger(2);
        accept(ledger, 0, X, LIFETIME);
        leaveUnanswered(ledger, 0, Y, LIFETIME);
        accept(ledger, 1, X, LIFETIME);
        leaveUnanswered(ledger, 1, X, 0);

        assertThat(verify(ledger, snapshot(HOME, X, LIFETIME)).passed()).as("node 0 acknowledged, node 1 gone").isTrue();
        assertThat(verify(ledger, snapshot(HOME, Y, LIFETIME, HOME + 1, X, LIFETIME)).passed())
                .as("node 0 moved, node 1 not deregistered").isTrue();
        LedgerVerifier.Verdict both = verify(ledger, snapshot(HOME, X, LIFETIME, HOME, Y, LIFETIME));
        assertThat(both.twice()).isEqualTo(1);
        LedgerVerifier.Verdict elsewhere = verify(ledger, snapshot(HOME, Z, LIFETIME));
        assertThat(elsewhere.staleCareOf()).isEqualTo(1);
        assertThat(elsewhere.inDoubt()).isEqualTo(2);
    }

    @Test
    void withTwoUnansweredRequestsAnyOneBindingPassesButNotTwo() {
        AcknowledgementLedger ledger = new AcknowledgementLedger(1);
        accept(ledger, 0, X, LIFETIME);
        leaveUnanswered(ledger, 0, Y, LIFETIME);
        leaveUnanswered(ledger, 0, Z, LIFETIME);
        assertThat(verify(ledger, snapshot(HOME, Y, LIFETIME)).passed()).isTrue();
        assertThat(verify(ledger, snapshot()).uncertain()).isEqualTo(1);
        assertThat(verify(ledger, snapshot(HOME, Y, LIFETIME, HOME, Z, LIFETIME)).twice()).isEqualTo(1);
    }

    @Test
    void listsAtMostTwentyViolationsButCountsThemAll() {
        AcknowledgementLedger ledger = new AcknowledgementLedger(30);
        for (int node = 0; node < 30; node++) {
            accept(ledger, node, X, LIFETIME);
        }
        LedgerVerifier.Verdict verdict = verify(ledger, snapshot());
        assertThat(verdict.missing()).isEqualTo(30);
        assertThat(verdict.violations()).hasSize(LedgerVerifier.LISTED);
        assertThat(verdict.report()).contains("30 violations, the first 20");
    }
}
