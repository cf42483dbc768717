package net.homeagent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.Inet4Address;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.ReverseTunnelAdmission;
import net.homeagent.mip.api.TunnelSpec;

class DataPlaneComponentTest {

    /** The configuration's defaults: implementation = none, nothing asked of the host. */
    private static DataPlaneConfig defaults() {
        return (DataPlaneConfig) Proxy.newProxyInstance(DataPlaneConfig.class.getClassLoader(),
                new Class<?>[] {DataPlaneConfig.class}, (proxy, method, args) -> method.getDefaultValue());
    }

    private final DataPlaneComponent component = new DataPlaneComponent(defaults());

    @Test
    void aBindingAdmittedUnderAnotherHomeAddressIsRefusedWithWhy() throws Exception {
        ReverseTunnelAdmission admission = component;
        TunnelSpec other = Specs.spec("10.0.1.11", "192.0.2.2", Encapsulation.IP_IN_IP);
        Inet4Address home = (Inet4Address) Inet4Address.getByName("10.0.1.10");

        assertThatThrownBy(() -> admission.admit(home, List.of(other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.1.10, another home address");
    }

    @Test
    void withForwardingOffAdmittingDecapsulatesNothingAndFailsNothing() throws Exception {
        TunnelSpec binding = Specs.spec("10.0.1.10", "192.0.2.2", Encapsulation.IP_IN_IP);

        component.admit(binding.homeAddress(), List.of(binding));
        component.admitOnly(List.of(binding));

        assertThat(component.status().forwarding()).isFalse();
        assertThat(component.status().facts()).noneMatch(f -> f.contains("admitted"));
        component.stop();
    }
}
