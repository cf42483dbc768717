package net.homeagent.shell;

import static net.homeagent.shell.Bindings.binding;
import static net.homeagent.shell.Bindings.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.RegistrationFlags;

class BindingCommandTest {
    private final FakeBindingStore store = new FakeBindingStore();
    private final MutableClock clock = new MutableClock(Bindings.REGISTERED);
    private final BindingCommand command = new BindingCommand();

    @BeforeEach
    void wire() {
        command.store = store;
        command.clock = clock;
    }

    @Test
    void showsEveryFieldOfEachBindingOfTheHomeAddress() {
        store.register(binding("10.0.0.10", "198.51.100.1", 600, RegistrationFlags.S | RegistrationFlags.T,
                Encapsulation.IP_IN_IP, true), true);
        Binding colocated = new Binding(ip("10.0.0.10"), ip("203.0.113.9"), ip("192.0.2.1"), ip("203.0.113.9"), 40123,
                Optional.of("alice@example.net"), 3700, Bindings.REGISTERED, Bindings.REGISTERED.plusSeconds(3700),
                0x00000001FFFFFFFEL, RegistrationFlags.S | RegistrationFlags.D | RegistrationFlags.G,
                Encapsulation.GRE, false);
        store.register(colocated, true);
        store.register(binding("10.0.0.11", "198.51.100.1", 600, 0, Encapsulation.IP_IN_IP, false), true);
        clock.advance(Duration.ofSeconds(100));
        command.homeAddress = "10.0.0.10";

        assertThat(command.render().lines()).containsExactly(
                "Mobility Binding List: Total 2",
                "10.0.0.10:",
                "    Care-of Addr 198.51.100.1",
                "    Src Addr 198.51.100.1, port 434 (foreign agent)",
                "    Home Agent 192.0.2.1",
                "    NAI none",
                "    Lifetime granted 00:10:00 (600), remaining 00:08:20 (500)",
                "    Flags S-----T-, Identification E9E4A1B2.00000001",
                "    Encapsulation ip-in-ip, Reverse tunnel yes",
                "    Registered at 2024-05-01T10:00:00Z, expires at 2024-05-01T10:10:00Z",
                "10.0.0.10:",
                "    Care-of Addr 203.0.113.9",
                "    Src Addr 203.0.113.9, port 40123 (mobile node, co-located care-of)",
                "    Home Agent 192.0.2.1",
                "    NAI alice@example.net",
                "    Lifetime granted 01:01:40 (3700), remaining 01:00:00 (3600)",
                "    Flags S-D-G---, Identification 00000001.FFFFFFFE",
                "    Encapsulation gre, Reverse tunnel no",
                "    Registered at 2024-05-01T10:00:00Z, expires at 2024-05-01T11:01:40Z");
    }

    @Test
    void remainingLifetimeNeverGoesBelowZero() {
        store.register(binding("10.0.0.10", "198.51.100.1", 60, 0, Encapsulation.IP_IN_IP, false), false);
        clock.advance(Duration.ofMinutes(5));
        command.homeAddress = "10.0.0.10";

        assertThat(command.render()).contains("remaining 00:00:00 (0)");
    }

    @Test
    void anUnknownHomeAddressSaysSo() {
        command.homeAddress = "10.0.0.99";
        assertThat(command.render().lines()).containsExactly("Mobility Binding List: Total 0",
                "No binding for 10.0.0.99");
    }

    @Test
    void aBadAddressIsAOneLineError() {
        command.homeAddress = "mobile-node-1";
        assertThatThrownBy(command::render).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid IPv4 address 'mobile-node-1' (expected a.b.c.d)");
    }
}
