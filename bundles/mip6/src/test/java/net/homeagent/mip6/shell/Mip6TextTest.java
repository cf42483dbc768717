package net.homeagent.mip6.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import net.homeagent.mip6.FakeMip6Node;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6View;
import net.homeagent.mip6.recovery.RecoveryProgress;

class Mip6TextTest {

    private final FakeMip6Node node = new FakeMip6Node();
    private final Mip6Counters counters = node.counters;
    private final Mip6Counters signalling = node.signalling;
    private final Mip6View view = node.view;

    @Test
    void bindingsListEveryEntryWithItsRemainingLifetimeAndACount() {
        String text = Mip6Text.bindings(view);
        assertThat(text).contains("2001:db8:100:0:0:0:0:10").contains("2001:db8:a1:0:0:0:0:10").contains(" 300 ")
                .contains("restored").contains("correspondent node binding cache:").endsWith("1 binding\n");
    }

    @Test
    void oneBindingShowsItsFieldsAndItsRecoveryState() {
        assertThat(Mip6Text.binding(view, "2001:db8:100::10")).contains("role              correspondent node")
                .contains("sequence          5")
                .contains("600 s granted, 300 s left").contains("recovery          asked 1 of 3");
        assertThat(Mip6Text.binding(view, "2001:db8:100::99")).isEqualTo("no binding for 2001:db8:100:0:0:0:0:99\n");
        assertThatThrownBy(() -> Mip6Text.binding(view, "192.0.2.1")).hasMessageContaining("not an IPv6 address");
        assertThatThrownBy(() -> Mip6Text.binding(view, "2001:db8::zz")).hasMessageContaining("not an IPv6 address");
    }

    @Test
    void statsNameEveryCounterAndTheAcknowledgementsByStatus() {
        counters.count(Mip6Counters.Counter.BINDING_UPDATES);
        counters.count(Mip6Counters.Counter.BAD_AUTHENTICATOR, 2);
        signalling.count(Mip6Counters.Counter.MALFORMED, 3);
        node.proxied = java.util.OptionalInt.of(4);
        counters.acknowledged(0);
        counters.acknowledged(135);
        counters.acknowledged(135);
        String text = Mip6Text.stats(view);
        assertThat(text).contains("MIPv6 node: running on mip6ha0").contains("signalling:")
                .contains("3            malformed packets")
                .contains("4            home addresses proxied on the home link now").contains("correspondent node:")
                .contains("1            Binding Updates received")
                .contains("2            Binding Updates whose authenticator did not verify")
                .contains("  3 nonces acceptable")
                .contains("1          0 Binding Update accepted")
                .contains("2          135 Sequence number out of window");
    }

    @Test
    void recoveryShowsTotalValidatedDeletedPendingAndRate() {
        assertThat(Mip6Text.recovery(view)).contains("no binding recovery ran");
        node.progress = new RecoveryProgress(100, 60, 30, 10, 4, 130, 30, 50, 49.5, 7, false);
        assertThat(Mip6Text.recovery(view)).contains("correspondent node:").contains("state           running").contains("total           100")
                .contains("validated       60").contains("deleted         30").contains("pending         10")
                .contains("requests sent   130 (retries 30)").contains("rate            49.5 /s measured, 50.0 /s configured");
    }
}
