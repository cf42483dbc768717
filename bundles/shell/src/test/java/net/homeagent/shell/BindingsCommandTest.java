package net.homeagent.shell;

import static net.homeagent.shell.Bindings.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.RegistrationFlags;

class BindingsCommandTest {
    private final FakeBindingStore store = new FakeBindingStore();
    private final MutableClock clock = new MutableClock(Bindings.REGISTERED);
    private final BindingsCommand command = new BindingsCommand();

    @BeforeEach
    void wire() {
        command.store = store;
        command.clock = clock;
    }

    @Test
    void anEmptyTableSaysTotalZeroAndNoHeader() {
        assertThat(command.render()).isEqualTo("Mobility Binding List: Total 0" + System.lineSeparator());
    }

    @Test
    void listsEveryBindingWithGrantedAndRemainingLifetime() {
        store.register(binding("10.0.0.10", "203.0.113.5", 600, RegistrationFlags.S | RegistrationFlags.T,
                Encapsulation.IP_IN_IP, true), true);
        store.register(binding("10.0.0.10", "203.0.113.6", 7200, RegistrationFlags.S | RegistrationFlags.G,
                Encapsulation.GRE, false), true);
        store.register(binding("10.0.0.9", "203.0.113.7", 1800, 0, Encapsulation.MINIMAL, false), true);
        clock.advance(Duration.ofSeconds(61));

        assertThat(command.render().lines()).containsExactly(
                "Mobility Binding List: Total 3",
                "Home Addr        Care-of Addr     Src Addr         Lifetime  Remaining Flags    Encap     Reverse",
                "10.0.0.9         203.0.113.7      198.51.100.1     00:30:00  00:28:59  -------- minimal   no",
                "10.0.0.10        203.0.113.5      198.51.100.1     00:10:00  00:08:59  S-----T- ip-in-ip  yes",
                "10.0.0.10        203.0.113.6      198.51.100.1     02:00:00  01:58:59  S---G--- gre       no");
    }

    @Test
    void filtersByHomeAndByCareOfAddress() {
        store.register(binding("10.0.0.10", "203.0.113.5", 600, RegistrationFlags.S, Encapsulation.IP_IN_IP, false),
                true);
        store.register(binding("10.0.0.10", "203.0.113.6", 600, RegistrationFlags.S, Encapsulation.IP_IN_IP, false),
                true);
        store.register(binding("10.0.0.11", "203.0.113.5", 600, 0, Encapsulation.IP_IN_IP, false), true);

        command.home = "10.0.0.10";
        assertThat(command.render()).startsWith("Mobility Binding List: Total 2").doesNotContain("10.0.0.11");

        command.careOf = "203.0.113.6";
        assertThat(command.render()).startsWith("Mobility Binding List: Total 1").contains("203.0.113.6")
                .doesNotContain("203.0.113.5");

        command.home = null;
        command.careOf = "203.0.113.5";
        assertThat(command.render()).startsWith("Mobility Binding List: Total 2").contains("10.0.0.11")
                .doesNotContain("203.0.113.6");
    }

    @Test
    void aBadAddressIsAOneLineError() {
        command.careOf = "203.0.113";
        assertThatThrownBy(command::render).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid IPv4 address '203.0.113' (expected a.b.c.d)");
    }
}
