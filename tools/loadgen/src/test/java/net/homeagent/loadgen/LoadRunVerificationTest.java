package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.homeagent.loadgen.FakeHomeAgent.Answer;
import net.homeagent.loadgen.ReplyVerifier.Verdict;

/**
 * The load generator believes a reply only as a mobile node would (RFC 5944 §3.6.2.1): short
 * closed-loop runs against a {@link FakeHomeAgent} that signs rightly or not. Counts only, no
 * timing.
 */
class LoadRunVerificationTest {

    private static final int NODES = 50;
    private static final int REQUESTS = 80;

    private final MobileNodes nodes = new MobileNodes(NODES, LoadOptions.ipv4("10.128.0.0"), 256, 1);
    private final AcknowledgementLedger ledger = new AcknowledgementLedger(NODES);

    /**
     * A run of {@link #REQUESTS} requests. Where replies are believed, the timeout is long enough
     * for a busy machine never to reach it; where they are not, short, as every request ends in it.
     */
    private RunCounts runAgainst(Answer answer, LoadRun.Against against) throws Exception {
        boolean believed = answer == Answer.SIGNED_ACCEPT || answer == Answer.UNSIGNED_131
                || answer == Answer.SIGNED_133 || against == LoadRun.Against.ECHO;
        LoadOptions options = LoadOptions.parse("--target", "127.0.0.1:434", "--nodes", Integer.toString(NODES),
                "--window", "8", "--requests", Integer.toString(REQUESTS), "--warmup", "0", "--duration", "60",
                "--timeout-ms", believed ? "10000" : "100", "--lifetime", "300");
        try (FakeHomeAgent target = new FakeHomeAgent(nodes, answer)) {
            return new LoadRun(options, nodes, ledger, target.address(), against).run();
        }
    }

    @Test
    void rightlySignedRepliesAreAcceptedAndAcknowledged() throws Exception {
        RunCounts counts = runAgainst(Answer.SIGNED_ACCEPT, LoadRun.Against.HOME_AGENT);

        assertThat(counts.sent()).isEqualTo(REQUESTS);
        assertThat(counts.accepted()).isEqualTo(REQUESTS);
        assertThat(counts.discarded()).isZero();
        assertThat(counts.timeouts).isZero();
        assertThat(IntStream.range(0, NODES).filter(ledger::isRegistered).count()).isPositive();
        assertKindsAddUp(counts);
    }

    @ParameterizedTest
    @CsvSource({"BAD_AUTHENTICATOR, BAD_AUTHENTICATOR", "UNSIGNED_ACCEPT, UNSIGNED_ACCEPT", "WRONG_SPI, WRONG_SPI",
            "LIFETIME_ABOVE_ASKED, LIFETIME_ABOVE_ASKED", "TWO_MOBILE_HOME, TWO_MOBILE_HOME"})
    void aReplyAMobileNodeDiscardsIsNeverAcceptedNorAcknowledged(Answer answer, Verdict verdict) throws Exception {
        RunCounts counts = runAgainst(answer, LoadRun.Against.HOME_AGENT);

        assertThat(counts.accepted()).isZero();
        assertThat(counts.replies()).isZero();
        assertThat(counts.discardedByVerdict[verdict.ordinal()]).isEqualTo(REQUESTS);
        assertThat(counts.discarded()).isEqualTo(REQUESTS);
        assertThat(counts.timeouts).as("the request stays pending until its timeout").isEqualTo(REQUESTS);
        assertThat(IntStream.range(0, NODES).filter(n -> ledger.acknowledged(n) != AcknowledgementLedger.NEVER))
                .isEmpty();
        assertKindsAddUp(counts);
    }

    @Test
    void aRefusalWithoutMobileHomeExtensionCountsByCodeAsUnverified() throws Exception {
        RunCounts counts = runAgainst(Answer.UNSIGNED_131, LoadRun.Against.HOME_AGENT);

        assertThat(counts.repliesByCode[131]).isEqualTo(REQUESTS);
        assertThat(counts.unverifiedRefusals).isEqualTo(REQUESTS);
        assertThat(counts.accepted()).isZero();
        assertThat(counts.refusedByKind[RequestKind.REGISTER.ordinal()]).isEqualTo(REQUESTS);
        assertKindsAddUp(counts);
    }

    @Test
    void a133WithTheHomeAgentsTimeInTheHighBitsAnswersTheRequest() throws Exception {
        RunCounts counts = runAgainst(Answer.SIGNED_133, LoadRun.Against.HOME_AGENT);

        assertThat(counts.repliesByCode[133]).isEqualTo(REQUESTS);
        assertThat(counts.mismatched).isZero();
        assertThat(counts.unverifiedRefusals).isZero();
        assertKindsAddUp(counts);
    }

    @Test
    void anEchoIsAFailureAgainstAHomeAgent() throws Exception {
        RunCounts counts = runAgainst(Answer.ECHO, LoadRun.Against.HOME_AGENT);

        assertThat(counts.echoes).isEqualTo(REQUESTS);
        assertThat(counts.accepted()).isZero();
        assertThat(counts.timeouts).isEqualTo(REQUESTS);
        assertThat(IntStream.range(0, NODES).filter(n -> ledger.acknowledged(n) != AcknowledgementLedger.NEVER))
                .isEmpty();
        assertThat(LoadGenerator.failures(java.util.List.of(counts))).singleElement().asString()
                .contains("the target echoes requests: not a home agent");
    }

    @Test
    void anEchoIsTheAnswerOnlyInTheBaseline() throws Exception {
        RunCounts counts = runAgainst(Answer.ECHO, LoadRun.Against.ECHO);

        assertThat(counts.echoes).isZero();
        assertThat(counts.repliesByCode[RunCounts.ECHO]).isEqualTo(REQUESTS);
        assertThat(counts.accepted()).isEqualTo(REQUESTS);
        assertThat(LoadGenerator.failures(java.util.List.of(counts))).isEmpty();
        assertKindsAddUp(counts);
    }

    /** Every measured request ends accepted, refused or timed out once the run has drained. */
    private static void assertKindsAddUp(RunCounts counts) {
        for (RequestKind kind : RequestKind.values()) {
            int k = kind.ordinal();
            assertThat(counts.acceptedByKind[k] + counts.refusedByKind[k] + counts.timedOutByKind[k])
                    .as(kind.label()).isEqualTo(counts.sentByKind[k]);
        }
    }
}
