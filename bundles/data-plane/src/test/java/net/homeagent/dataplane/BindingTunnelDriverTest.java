package net.homeagent.dataplane;

import static net.homeagent.dataplane.Specs.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.FakeDataPlane;

class BindingTunnelDriverTest {

    private final FakeDataPlane plane = new FakeDataPlane();
    private final FakeBindingStore store = new FakeBindingStore();
    private BindingTunnelDriver driver;

    private static Binding binding(String home, String careOf, Encapsulation encapsulation, int lifetime) {
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        return new Binding(ip(home), ip(careOf), ip("10.0.1.1"), ip(careOf), 434, Optional.empty(), lifetime, now,
                now.plusSeconds(lifetime), 1, 0, encapsulation, true);
    }

    private String next() throws InterruptedException {
        String call = plane.nextCall(10);
        assertThat(call).as("a data plane call within 10 s").isNotNull();
        return call;
    }

    private void start() {
        driver = new BindingTunnelDriver(plane);
        store.listen(driver);
        driver.bindStore(store);
    }

    @AfterEach
    void stop() {
        driver.stop();
    }

    @Test
    void atStartTheLiveBindingsAreReconciledThenEventsFollowInOrder() throws InterruptedException {
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        start();
        assertThat(next()).isEqualTo("reconcile [10.0.1.10@192.0.2.2/IP_IN_IP]");

        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.GRE, 60), false);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.GRE, 120), false);
        store.register(binding("10.0.1.11", "192.0.2.2", Encapsulation.MINIMAL, 120), false);
        store.remove(ip("10.0.1.11"), ip("192.0.2.2"), RemovalReason.DEREGISTERED);

        assertThat(next()).isEqualTo("install 10.0.1.11@192.0.2.2/GRE");
        // the renewal with the same tunnel asks nothing; the one with another encapsulation reinstalls
        assertThat(next()).isEqualTo("install 10.0.1.11@192.0.2.2/MINIMAL");
        assertThat(next()).isEqualTo("remove 10.0.1.11@192.0.2.2");
    }

    @Test
    void aMobileNodeThatMovedIsAnUpdate() throws InterruptedException {
        start();
        assertThat(next()).isEqualTo("reconcile []");
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        store.register(binding("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP, 60), false);

        assertThat(next()).isEqualTo("install 10.0.1.10@192.0.2.2/IP_IN_IP");
        assertThat(next()).isEqualTo("update 10.0.1.10@192.0.2.2 -> 10.0.1.10@192.0.2.3/IP_IN_IP");
        assertThat(next()).isEqualTo("install 10.0.1.10@192.0.2.3/IP_IN_IP");
    }

    @Test
    void aDataPlaneThatDoesNotForwardIsToldOnTheRegisteringThreadWithoutTheMoveLookup() throws InterruptedException {
        plane.status(new DataPlaneStatus("none", false, "forwarding OFF: test", 0, List.of()));
        start();
        store.register(binding("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP, 60), false);
        store.register(binding("10.0.1.10", "192.0.2.3", Encapsulation.IP_IN_IP, 60), false);

        // already there when register returns: no queue, no worker in between
        assertThat(plane.nextCall(0)).isEqualTo("reconcile []");
        assertThat(plane.nextCall(0)).isEqualTo("install 10.0.1.10@192.0.2.2/IP_IN_IP");
        assertThat(plane.nextCall(0)).isEqualTo("remove 10.0.1.10@192.0.2.2");
        assertThat(plane.nextCall(0)).isEqualTo("install 10.0.1.10@192.0.2.3/IP_IN_IP");
    }
}
