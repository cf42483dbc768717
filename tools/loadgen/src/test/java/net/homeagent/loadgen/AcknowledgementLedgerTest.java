package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcknowledgementLedgerTest {

    private static final int X = 0xc612_0001;
    private static final int Y = 0xc612_0002;
    private final AcknowledgementLedger ledger = new AcknowledgementLedger(2);

    @Test
    void anAcceptedReplyMakesTheRequestTheStateAndARefusalChangesNothing() {
        assertThat(ledger.acknowledged(0)).isEqualTo(AcknowledgementLedger.NEVER);
        ledger.sent(0, 10, X, 600);
        ledger.answered(0, true, 300);
        assertThat(ledger.acknowledged(0)).isEqualTo(AcknowledgementLedger.REGISTERED);
        assertThat(ledger.acknowledgedCareOf(0)).isEqualTo(X);
        assertThat(ledger.acknowledgedLifetime(0)).as("the lifetime the reply granted").isEqualTo(300);
        ledger.sent(0, 11, Y, 600);
        ledger.answered(0, false, 0);
        assertThat(ledger.acknowledgedCareOf(0)).as("refused: still at X").isEqualTo(X);
        ledger.sent(0, 12, Y, 0);
        ledger.answered(0, true, 0);
        assertThat(ledger.acknowledged(0)).isEqualTo(AcknowledgementLedger.DEREGISTERED);
        assertThat(ledger.isRegistered(0)).isFalse();
        assertThat(ledger.acknowledged(1)).as("the other node").isEqualTo(AcknowledgementLedger.NEVER);
    }

    @Test
    void anUnansweredRequestIsKeptBesideTheAcknowledgedStateUntilALaterOneIsAccepted() {
        ledger.sent(0, 10, X, 600);
        ledger.answered(0, true, 600);
        ledger.sent(0, 11, Y, 600);
        ledger.timedOut(0);
        assertThat(ledger.unanswered(0)).isEqualTo(1);
        assertThat(ledger.unansweredCareOf(0)).isEqualTo(Y);
        assertThat(ledger.acknowledgedCareOf(0)).isEqualTo(X);
        ledger.sent(0, 12, Y, 0);
        ledger.timedOut(0);
        assertThat(ledger.unanswered(0)).isEqualTo(2);
        assertThat(ledger.unansweredLifetime(0)).as("the newest: a deregistration").isZero();
        ledger.sent(0, 13, X, 600);
        ledger.answered(0, true, 600);
        assertThat(ledger.unanswered(0)).isZero();
        assertThat(ledger.acknowledgedCareOf(0)).isEqualTo(X);
    }

    @Test
    void aLateReplyResolvesOnlyTheNewestUnansweredRequest() {
        ledger.sent(0, 10, X, 600);
        ledger.timedOut(0);
        ledger.answeredLate(0, 9, true, 600);
        assertThat(ledger.unanswered(0)).as("not the newest: still in doubt").isEqualTo(1);
        ledger.answeredLate(0, 10, true, 600);
        assertThat(ledger.unanswered(0)).isZero();
        assertThat(ledger.acknowledgedCareOf(0)).isEqualTo(X);

        ledger.sent(1, 20, Y, 600);
        ledger.timedOut(1);
        ledger.answeredLate(1, 20, false, 0);
        assertThat(ledger.unanswered(1)).as("refused late: back to never").isZero();
        assertThat(ledger.acknowledged(1)).isEqualTo(AcknowledgementLedger.NEVER);
    }

    @Test
    void aDeregistrationNamesTheAcknowledgedCareOfOrInDoubtTheHomeAddress() {
        int home = 0x0a80_0000;
        ledger.sent(0, 10, X, 600);
        ledger.answered(0, true, 600);
        assertThat(ledger.deregistrationCareOf(0, home)).isEqualTo(X);
        ledger.sent(0, 11, Y, 600);
        ledger.answered(0, false, 0);
        assertThat(ledger.deregistrationCareOf(0, home)).as("the refused move left the binding at X").isEqualTo(X);
        ledger.sent(0, 12, Y, 600);
        ledger.timedOut(0);
        assertThat(ledger.deregistrationCareOf(0, home)).as("X or Y: all of them").isEqualTo(home);
    }
}
