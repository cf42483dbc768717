package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The alert endpoint's two settings as {@link RoutesComponent.RoutesSettings} reads them. */
class RoutesSettingsTest {

    /** A {@link RoutesConfig} with the annotation's defaults but for {@code values}, as ConfigAdmin gives it. */
    private static RoutesConfig config(Map<String, Object> values) {
        return (RoutesConfig) Proxy.newProxyInstance(RoutesConfig.class.getClassLoader(), new Class<?>[] {RoutesConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void theAlertEndpointIsOffByDefaultAndTrimmedWhenSet() {
        assertThat(RoutesComponent.RoutesSettings.from(config(Map.of())).alertEndpoint()).isEmpty();
        assertThat(RoutesComponent.RoutesSettings.from(config(Map.of())).alertToken()).isEmpty();

        RoutesComponent.RoutesSettings set = RoutesComponent.RoutesSettings.from(config(Map.of(
                "alertEndpoint", " netty-http:http://127.0.0.1:10180/alerts ", "alertToken", " t0ken ")));
        assertThat(set.alertEndpoint()).isEqualTo("netty-http:http://127.0.0.1:10180/alerts");
        assertThat(set.alertToken()).isEqualTo("t0ken");
    }

    @Test
    void anAlertEndpointThatIsNoCamelUriIsRefusedWithItsKey() {
        for (String notAUri : new String[] {"127.0.0.1:10180", "http", "netty-http:", ":http://x"}) {
            assertThatThrownBy(() -> RoutesComponent.RoutesSettings.from(config(Map.of("alertEndpoint", notAUri))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("alertEndpoint: '" + notAUri + "'");
        }
    }
}
