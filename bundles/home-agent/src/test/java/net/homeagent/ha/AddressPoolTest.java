package net.homeagent.ha;

import static net.homeagent.ha.RequestBuilder.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class AddressPoolTest {

    @Test
    void aPoolHandsOutItsHostsWithoutNetworkAndBroadcastAddresses() {
        AddressPool pool = AddressPool.parse("10.1.0.0/30");

        assertThat(pool.firstFree(a -> true)).contains(ip("10.1.0.1"));
        assertThat(pool.firstFree(a -> !a.equals(ip("10.1.0.1")))).contains(ip("10.1.0.2"));
        assertThat(pool.firstFree(a -> !Set.of(ip("10.1.0.1"), ip("10.1.0.2")).contains(a))).isEmpty();
        assertThat(pool.contains(ip("10.1.0.0"))).isFalse();
        assertThat(pool.contains(ip("10.1.0.2"))).isTrue();
        assertThat(pool.contains(ip("10.1.0.3"))).isFalse();
        assertThat(pool.contains(ip("10.1.0.5"))).isFalse();
    }

    @Test
    void slash31AndSlash32UseEveryAddress() {
        assertThat(AddressPool.parse("10.2.0.0/31").firstFree(a -> true)).contains(ip("10.2.0.0"));
        assertThat(AddressPool.parse("10.2.0.7/32").contains(ip("10.2.0.7"))).isTrue();
    }

    @Test
    void badPoolsAreRejected() {
        assertThatThrownBy(() -> AddressPool.parse("10.1.0.1/24")).hasMessageContaining("host bits");
        assertThatThrownBy(() -> AddressPool.parse("10.1.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> AddressPool.parse("10.1.0.0")).hasMessageContaining("address/prefix-length");
        assertThatThrownBy(() -> AddressPool.parse("ten/8")).hasMessageContaining("not an IPv4 address");
    }
}
