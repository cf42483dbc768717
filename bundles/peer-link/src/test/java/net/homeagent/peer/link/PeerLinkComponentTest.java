package net.homeagent.peer.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import net.homeagent.peer.PeerLink;

/** The component: off by default, refuses to start without a key, registers PeerLink only when it runs. */
class PeerLinkComponentTest {

    @TempDir
    Path etc;

    private final List<Object> registered = new ArrayList<>();
    private final List<Object> unregistered = new ArrayList<>();

    /** The config annotation with its embedded defaults, except {@code values}. */
    private static PeerLinkConfig config(Map<String, Object> values) {
        return (PeerLinkConfig) Proxy.newProxyInstance(PeerLinkConfig.class.getClassLoader(),
                new Class<?>[] {PeerLinkConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }

    /** A BundleContext that only records registrations: all the component asks of it. */
    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    registered.add(args[1]);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                            (registration, m, a) -> unregistered.add(args[1]));
                });
    }

    private Map<String, Object> enabled(int port) {
        return Map.of("enabled", true, "nodeId", 1, "groupId", 7, "bindAddress", "127.0.0.1", "port", port,
                "keysFile", etc.resolve("peer-keys.conf").toString());
    }

    private static int freePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void byDefaultNothingStartsAndNothingIsRegistered() {
        PeerLinkComponent component = new PeerLinkComponent(config(Map.of()), context());

        assertThat(component.state()).startsWith("off");
        assertThat(component.status()).isEmpty();
        assertThat(registered).isEmpty();
        component.stop();
    }

    @Test
    void enabledWithoutAKeyItRefusesToStartAndSaysWhy() throws Exception {
        Files.writeString(etc.resolve("peer-keys.conf"), "# no key yet\n");

        PeerLinkComponent component = new PeerLinkComponent(config(enabled(freePort())), context());

        assertThat(component.state()).startsWith("NOT started: no key in").contains("peer-keys.conf");
        assertThat(registered).isEmpty();
        component.stop();
    }

    @Test
    void aBadConfigurationRefusesToStartAndSaysWhich() throws Exception {
        Files.writeString(etc.resolve("peer-keys.conf"), "1 hmac-sha256 0x" + "ab".repeat(32) + "\n");
        Map<String, Object> values = new HashMap<>(enabled(freePort()));
        values.put("nodeId", 0);

        PeerLinkComponent component = new PeerLinkComponent(config(values), context());

        assertThat(component.state()).isEqualTo("NOT started: cannot start: nodeId must be 1 or more");
        assertThat(registered).isEmpty();
        component.stop();
    }

    @Test
    void enabledWithAKeyItRunsRegistersTheLinkAndUnregistersItOnStop() throws Exception {
        Files.writeString(etc.resolve("peer-keys.conf"), "4 hmac-sha256 0x" + "ab".repeat(32) + "\n");
        int port = freePort();

        PeerLinkComponent component = new PeerLinkComponent(config(enabled(port)), context());

        assertThat(component.state()).isEqualTo("running");
        assertThat(registered).singleElement().isInstanceOf(PeerLink.class);
        assertThat(component.status()).hasValueSatisfying(status -> {
            assertThat(status.listening().getPort()).isEqualTo(port);
            assertThat(status.nodeId()).isEqualTo(1);
        });
        assertThat(component.keysSummary()).hasValueSatisfying(summary -> assertThat(summary)
                .endsWith("1 keys [4], sending with key 4").doesNotContain("abab"));
        component.stop();
        assertThat(unregistered).isEqualTo(registered);
    }
}
