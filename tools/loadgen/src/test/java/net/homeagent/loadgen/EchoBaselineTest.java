package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.netty.channel.epoll.Epoll;

/** The baseline process answers every request with its own bytes, and ends when closed. */
class EchoBaselineTest {

    @Test
    void theSeparateEchoProcessSendsEachRequestBackUnchanged() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the baseline needs Netty epoll");
        LoadOptions options = LoadOptions.parse("--echo-baseline", "--nodes", "40", "--window", "8", "--requests",
                "100", "--warmup", "0", "--duration", "60", "--timeout-ms", "10000", "--sockets", "2");
        MobileNodes nodes = new MobileNodes(40, options.homeBase(), options.spiBase(), options.keySeed());
        RunCounts counts;
        try (EchoBaselineProcess echo = new EchoBaselineProcess(InetAddress.getLoopbackAddress(), 2, 16,
                Optional.empty())) {
            assertThat(echo.description()).contains("epoll, 2 event loops and sockets, up to 16 datagrams per read");
            counts = new LoadRun(options, nodes, new AcknowledgementLedger(40), echo.address(), LoadRun.Against.ECHO)
                    .run();
        }
        assertThat(counts.repliesByCode[RunCounts.ECHO]).isEqualTo(100);
        assertThat(counts.discarded()).isZero();
        assertThat(counts.timeouts).isZero();
    }
}
