package net.homeagent.ha;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A {@link HomeAgentConfig} as DS would build it: the annotation's own defaults, overridden by
 * the given properties (as a .cfg file would).
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static HomeAgentConfig homeAgent(Map<String, Object> overrides) {
        return (HomeAgentConfig) Proxy.newProxyInstance(HomeAgentConfig.class.getClassLoader(),
                new Class<?>[] {HomeAgentConfig.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (overrides.containsKey(name)) {
                        return overrides.get(name);
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (name) {
                        case "annotationType" -> HomeAgentConfig.class;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "HomeAgentConfig" + overrides;
                        default -> throw new UnsupportedOperationException(name);
                    };
                });
    }

    public static HomeAgentSettings settings(Map<String, Object> overrides) {
        return HomeAgentSettings.from(homeAgent(overrides));
    }
}
