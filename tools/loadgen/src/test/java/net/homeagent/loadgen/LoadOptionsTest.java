package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void readsEveryOption() {
        LoadOptions o = LoadOptions.parse("--target", "127.0.0.1:4340", "--nodes", "500", "--spi-base", "1000",
                "--home-base", "10.9.0.0", "--key-seed", "3", "--mode", "open", "--rate", "2000", "--duration", "4",
                "--warmup", "0", "--mix", "renew=1", "--timeout-ms", "50", "--lifetime", "90", "--echo-baseline",
                "--json", "--write-sa-file", "/tmp/x.conf", "--pacer", "spin");
        assertThat(o.target().orElseThrow().getPort()).isEqualTo(4340);
        assertThat(o.nodes()).isEqualTo(500);
        assertThat(o.spiBase()).isEqualTo(1000);
        assertThat(o.homeBase().getHostAddress()).isEqualTo("10.9.0.0");
        assertThat(o.closedLoop()).isFalse();
        assertThat(o.rate()).isEqualTo(2000);
        assertThat(o.warmupSeconds()).isZero();
        assertThat(o.mix().pick(0.1)).isEqualTo(RequestKind.RENEW);
        assertThat(o.echoBaseline()).isTrue();
        assertThat(o.json()).isTrue();
        assertThat(o.saFile()).isPresent();
        assertThat(o.spinPacer()).isTrue();
        assertThat(LoadOptions.parse().spinPacer()).as("default").isFalse();
    }

    @Test
    void readsTheRecoveryOptions() {
        LoadOptions o = LoadOptions.parse("--target", "127.0.0.1:4340", "--requests", "1000", "--give-up-after", "3",
                "--until-accepted", "--ledger", "/tmp/l", "--from-ledger", "/tmp/k");
        assertThat(o.requests()).isEqualTo(1000);
        assertThat(o.giveUpSeconds()).isEqualTo(3);
        assertThat(o.untilAccepted()).isTrue();
        assertThat(o.ledger()).contains(java.nio.file.Path.of("/tmp/l"));
        assertThat(o.fromLedger()).contains(java.nio.file.Path.of("/tmp/k"));
        LoadOptions verify = LoadOptions.parse("--verify-ledger", "/tmp/l", "--snapshot", "/tmp/s");
        assertThat(verify.verifyLedger()).isPresent();
        assertThat(verify.runsLoad()).isFalse();
        assertThatThrownBy(() -> LoadOptions.parse("--verify-ledger", "/tmp/l")).hasMessageContaining("together");
        assertThatThrownBy(() -> LoadOptions.parse("--ledger", "/tmp/l")).hasMessageContaining("--target");
        assertThatThrownBy(() -> LoadOptions.parse("--mode", "open", "--requests", "5"))
                .hasMessageContaining("closed-loop");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> LoadOptions.parse("--nodes", "0")).hasMessageContaining("> 0");
        assertThatThrownBy(() -> LoadOptions.parse("--mode", "half")).hasMessageContaining("closed or open");
        assertThatThrownBy(() -> LoadOptions.parse("--pacer", "sleep")).hasMessageContaining("park or spin");
        assertThatThrownBy(() -> LoadOptions.parse("--window", "20", "--nodes", "10")).hasMessageContaining("window");
        assertThatThrownBy(() -> LoadOptions.parse("--lifetime", "70000")).hasMessageContaining("16-bit");
        assertThatThrownBy(() -> LoadOptions.parse("--target")).hasMessageContaining("missing value");
        assertThatThrownBy(() -> LoadOptions.parse("--home-base", "example.org")).hasMessageContaining("IPv4");
    }

    @Test
    void onlyLoopbackAndThisHostsAddressesAreTargets() throws UnknownHostException {
        assertThat(TargetAddressCheck.isThisHost(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(TargetAddressCheck.isThisHost(InetAddress.getByName("127.3.2.1"))).isTrue();
        // RFC 5737 documentation address: on no interface of a test machine
        assertThat(TargetAddressCheck.isThisHost(InetAddress.getByName("192.0.2.77"))).isFalse();
    }
}
