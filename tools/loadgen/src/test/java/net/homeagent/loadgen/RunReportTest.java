package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RunReportTest {

    private static final RunFacts FACTS = new RunFacts("AMD EPYC 7B13", 2, "OpenJDK 64-Bit Server VM 17.0.15",
            "1.50 1.20 0.90", "2.10 1.40 1.00", "0-1", Optional.empty(),
            RunFacts.pinning(2, "0-1", Optional.empty()), "epoll, recvmmsg and sendmmsg batches");

    private final LoadOptions options = LoadOptions.parse("--target", "127.0.0.1:434", "--nodes", "100");

    private RunCounts counts() {
        RunCounts counts = new RunCounts("home-agent");
        counts.measuredSeconds = 2;
        counts.sentByKind[RequestKind.RENEW.ordinal()] = 10;
        counts.acceptedByKind[RequestKind.RENEW.ordinal()] = 6;
        counts.refusedByKind[RequestKind.RENEW.ordinal()] = 1;
        counts.timedOutByKind[RequestKind.RENEW.ordinal()] = 3;
        counts.repliesByCode[0] = 6;
        counts.repliesByCode[131] = 1;
        counts.unverifiedRefusals = 1;
        counts.discardedByVerdict[ReplyVerifier.Verdict.BAD_AUTHENTICATOR.ordinal()] = 3;
        return counts;
    }

    @Test
    void theJsonKeepsItsFieldsAndAddsPerKindCountsRatesAndDiscards() {
        String json = RunReport.json(options, FACTS, List.of(counts()), Optional.empty());

        assertThat(json).contains("\"sent\":10", "\"sent_renew\":10", "\"replies\":{\"0\":6,\"131\":1}",
                "\"timeouts\":", "\"acceptedPerSecond\":3.0", "\"clientCpuMicrosPerRequest\":");
        assertThat(json).contains("\"renew\":{\"sent\":10,\"sentPerSecond\":5.0,\"accepted\":6,\"acceptedPerSecond\":3.0,"
                + "\"refused\":1,\"refusedPerSecond\":0.5,\"timedOut\":3,\"timedOutPerSecond\":1.5}");
        assertThat(json).contains("\"discarded\":{\"unsignedAccept\":0,\"wrongSpi\":0,\"badAuthenticator\":3,"
                + "\"lifetimeAboveAsked\":0,\"twoMobileHome\":0}", "\"unverifiedRefusals\":1", "\"echoes\":0");
        assertThat(json).contains("\"machine\":{\"cpuModel\":\"AMD EPYC 7B13\",\"cores\":2,", "\"loadAverageBefore\":\"1.50 1.20 0.90\"",
                "\"loadAverageAfter\":\"2.10 1.40 1.00\"", "\"applianceCpus\":null",
                "\"pinning\":\"not pinned: 2 cores are too few", "\"clientTransport\":\"epoll, recvmmsg and sendmmsg batches\"");
    }

    @Test
    void theTableShowsEachKindAndEachReasonToDiscard() {
        String table = RunReport.table(options, FACTS, List.of(counts()), Optional.empty());

        assertThat(table).containsPattern("  renew +10 \\(5/s\\)").containsPattern("accepted \\(verified\\) +6")
                .containsPattern("discarded bad authenticator +3").containsPattern("unverified refusals +1")
                .contains("machine: AMD EPYC 7B13, 2 cores", "load average before 1.50 1.20 0.90, after 2.10 1.40 1.00",
                        "cores: not pinned: 2 cores are too few");
    }
}
