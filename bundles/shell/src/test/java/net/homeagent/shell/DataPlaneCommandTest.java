package net.homeagent.shell;

import static net.homeagent.shell.Bindings.binding;
import static net.homeagent.shell.Bindings.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.FakeDataPlane;

class DataPlaneCommandTest {

    private static final TunnelSpec UDP = new TunnelSpec(new BindingKey(ip("10.0.0.10"), ip("203.0.113.9")),
            ip("192.0.2.1"), Encapsulation.UDP, true, Optional.of(new InetSocketAddress(ip("198.51.100.7"), 40001)));
    private static final TunnelCounters COUNTED = new TunnelCounters(5, 420, 3, 252, 1, TunnelCounters.Scope.BINDING);

    /** A data plane that forwards one UDP tunnel, or none with forwarding off. */
    static DataPlane plane(boolean forwarding) {
        FakeDataPlane plane = new FakeDataPlane();
        if (forwarding) {
            plane.install(UDP);
            return plane.counters(UDP.key(), COUNTED).status(new DataPlaneStatus("user-space (TUN)", true,
                    "forwarding through TUN mip0", 1, List.of("home link eth1 (index 3)")));
        }
        return plane.status(new DataPlaneStatus("none", false, "forwarding OFF: no privileges", 0, List.of()));
    }

    @Test
    void showsImplementationTunnelsAndCounters() {
        DataPlaneCommand command = new DataPlaneCommand();
        command.dataPlane = plane(true);

        assertThat(command.render().lines()).containsExactly(
                "Data plane user-space (TUN): forwarding ON",
                "    forwarding through TUN mip0",
                "    home link eth1 (index 3)",
                "Tunnels: 1",
                "10.0.0.10 -> 203.0.113.9 udp/ip-in-ip via 198.51.100.7:40001, source 192.0.2.1, reverse yes",
                "    Tunnelled 5 packets / 420 bytes, reverse 3 packets / 252 bytes, reverse refused 1");
    }

    @Test
    void saysWhyForwardingIsOff() {
        DataPlaneCommand command = new DataPlaneCommand();
        command.dataPlane = plane(false);

        assertThat(command.render()).contains("forwarding OFF", "no privileges", "Tunnels: 0");
    }

    @Test
    void aNegativeLimitIsRefused() {
        DataPlaneCommand command = new DataPlaneCommand();
        command.dataPlane = plane(true);
        command.limit = -1;

        assertThatThrownBy(command::render).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void mipBindingShowsTheCountersOrWhyNotForwarded() {
        FakeBindingStore store = new FakeBindingStore();
        store.register(binding("10.0.0.10", "203.0.113.9", 600, 0, Encapsulation.UDP, true), false);
        BindingCommand command = new BindingCommand();
        command.store = store;
        command.homeAddress = "10.0.0.10";

        command.dataPlane = plane(true);
        assertThat(command.render()).contains("    Tunnelled 5 packets / 420 bytes");
        command.dataPlane = plane(false);
        assertThat(command.render()).contains("    Not forwarded: forwarding OFF: no privileges");
    }
}
