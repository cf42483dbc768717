package net.homeagent.mimm.network;

import static net.homeagent.mimm.Fixtures.binding;
import static net.homeagent.mimm.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.Fixtures;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.FakeBindingStore;

class NetworkLoadTest {

    private final NetworkLoad load = new NetworkLoad(Fixtures.plan());
    private final FakeBindingStore store = new FakeBindingStore().listen(load::bindingChanged);

    @Test
    void countsABindingInTheNetworkOfItsCareOfAddress() {
        store.register(binding("10.0.0.1", "10.1.0.5"), false);
        store.register(binding("10.0.0.2", "10.1.0.6"), false);
        store.register(binding("10.0.0.3", "10.3.9.1"), false);
        store.register(binding("10.0.0.4", "192.0.2.4"), false);
        assertThat(load.mobiles(1)).isEqualTo(2);
        assertThat(load.mobiles(3)).isZero();
        assertThat(load.mobiles(4)).isEqualTo(1);
        assertThat(load.mobiles(99)).isZero();
    }

    @Test
    void aRenewalCountsOnceAndAMoveChangesNetwork() {
        store.register(binding("10.0.0.1", "10.1.0.5"), false);
        store.register(binding("10.0.0.1", "10.1.0.5"), false);
        assertThat(load.mobiles(1)).isEqualTo(1);
        store.register(binding("10.0.0.1", "10.2.0.5"), false);
        assertThat(load.mobiles(1)).isZero();
        assertThat(load.mobiles(2)).isEqualTo(1);
        assertThat(load.isCountedIn(binding("10.0.0.1", "10.2.0.5").key(), 2)).isTrue();
        assertThat(load.isCountedIn(binding("10.0.0.1", "10.1.0.5").key(), 1)).isFalse();
    }

    @Test
    void simultaneousBindingsCountInEachOfTheirNetworks() {
        store.register(binding("10.0.0.1", "10.1.0.5"), true);
        store.register(binding("10.0.0.1", "10.2.0.5"), true);
        assertThat(load.mobiles(1)).isEqualTo(1);
        assertThat(load.mobiles(2)).isEqualTo(1);
        store.removeAll(ip("10.0.0.1"), RemovalReason.DEREGISTERED);
        assertThat(load.mobiles(1)).isZero();
        assertThat(load.mobiles(2)).isZero();
    }

    @Test
    void theStartUpWalkAndAnEventForTheSameBindingCountItOnce() {
        FakeBindingStore before = new FakeBindingStore();
        before.register(binding("10.0.0.1", "10.1.0.5"), false);
        NetworkLoad fresh = new NetworkLoad(Fixtures.plan());
        before.listen(fresh::bindingChanged);
        before.forEachBinding(fresh::count);
        before.register(binding("10.0.0.1", "10.1.0.5"), false);
        assertThat(fresh.mobiles(1)).isEqualTo(1);
        before.remove(ip("10.0.0.1"), ip("10.1.0.5"), RemovalReason.EXPIRED);
        before.remove(ip("10.0.0.1"), ip("10.1.0.5"), RemovalReason.EXPIRED);
        assertThat(fresh.mobiles(1)).isZero();
    }

    @Test
    void withoutTheHomesIndexItCountsAlikeAndSaysThatItCannotTellAHomesNetwork() {
        NetworkLoad lean = new NetworkLoad(Fixtures.plan(), false);
        FakeBindingStore leanStore = new FakeBindingStore().listen(lean::bindingChanged);
        leanStore.register(binding("10.0.0.1", "10.1.0.5"), false);
        leanStore.register(binding("10.0.0.1", "10.2.0.5"), false);
        store.register(binding("10.0.0.1", "10.1.0.5"), false);
        store.register(binding("10.0.0.1", "10.2.0.5"), false);

        assertThat(lean.mobiles(1)).isZero();
        assertThat(lean.mobiles(2)).isEqualTo(1);
        assertThat(load.networkOfHome(ip("10.0.0.1"))).hasValue(2);
        assertThatThrownBy(() -> lean.networkOfHome(ip("10.0.0.1"))).isInstanceOf(IllegalStateException.class);
    }
}
