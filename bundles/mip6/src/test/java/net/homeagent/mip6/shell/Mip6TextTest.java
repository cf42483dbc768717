package net.homeagent.mip6.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Scope;
import net.homeagent.mip6.Mip6RoleView;
import net.homeagent.mip6.Mip6View;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.recovery.RecoveryProgress;

class Mip6TextTest {

    private static final Inet6Address HOME = Addresses.v6("2001:db8:100::10");
    private final Mip6Counters counters = new Mip6Counters();
    private final Mip6Counters signalling = new Mip6Counters();
    private RecoveryProgress progress = RecoveryProgress.none();

    private final Mip6RoleView role = new Mip6RoleView() {
        @Override
        public String name() {
            return "correspondent node";
        }

        @Override
        public Optional<Scope> ownCounters() {
            return Optional.of(Scope.CORRESPONDENT);
        }

        @Override
        public List<Mip6Binding> bindings() {
            return List.of(new Mip6Binding(HOME, Addresses.v6("2001:db8:a1::10"), 5, 600, 400_000,
                    Mip6Binding.Origin.RESTORED));
        }

        @Override
        public Optional<Mip6Binding> binding(Inet6Address homeAddress) {
            return bindings().stream().filter(b -> b.homeAddress().equals(homeAddress)).findFirst();
        }

        @Override
        public Optional<String> recoveryState(Inet6Address homeAddress) {
            return homeAddress.equals(HOME) ? Optional.of("asked 1 of 3, care-of prefix 2001:db8:a1:0::/64")
                    : Optional.empty();
        }

        @Override
        public Mip6Counters counters() {
            return counters;
        }

        @Override
        public RecoveryProgress recovery() {
            return progress;
        }

        @Override
        public List<String> details(long nowMillis) {
            return List.of("3 nonces acceptable");
        }
    };

    private final Mip6View view = new Mip6View() {
        @Override
        public String status() {
            return "running on mip6ha0";
        }

        @Override
        public long nowMillis() {
            return 100_000;
        }

        @Override
        public Mip6Counters signallingCounters() {
            return signalling;
        }

        @Override
        public List<Mip6RoleView> roles() {
            return List.of(role);
        }
    };

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
        counters.acknowledged(0);
        counters.acknowledged(135);
        counters.acknowledged(135);
        String text = Mip6Text.stats(view);
        assertThat(text).contains("MIPv6 node: running on mip6ha0").contains("signalling:")
                .contains("3            malformed packets").contains("correspondent node:")
                .contains("1            Binding Updates received")
                .contains("2            Binding Updates whose authenticator did not verify")
                .contains("  3 nonces acceptable")
                .contains("1          0 Binding Update accepted")
                .contains("2          135 Sequence number out of window");
    }

    @Test
    void recoveryShowsTotalValidatedDeletedPendingAndRate() {
        assertThat(Mip6Text.recovery(view)).contains("no binding recovery ran");
        progress = new RecoveryProgress(100, 60, 30, 10, 4, 130, 30, 50, 49.5, 7, false);
        assertThat(Mip6Text.recovery(view)).contains("correspondent node:").contains("state           running").contains("total           100")
                .contains("validated       60").contains("deleted         30").contains("pending         10")
                .contains("requests sent   130 (retries 30)").contains("rate            49.5 /s measured, 50.0 /s configured");
    }
}
