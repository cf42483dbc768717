package net.homeagent.mimm;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A {@link MimmConfig} as ConfigAdmin gives it: each attribute's default from the annotation, unless
 * {@code values} names it (test fixture).
 */
public final class MimmConfigs {

    private MimmConfigs() {
    }

    public static MimmConfig with(Map<String, Object> values) {
        return (MimmConfig) Proxy.newProxyInstance(MimmConfig.class.getClassLoader(), new Class<?>[] {MimmConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return MimmConfig.class;
                    }
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() == null) {
                        throw new IllegalStateException("no value for " + method.getName());
                    }
                    return method.getDefaultValue();
                });
    }
}
