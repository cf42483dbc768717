package net.homeagent.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the binding store, PID {@value InMemoryBindingStore#PID}. */
@ObjectClassDefinition(name = "homeagent binding store",
        description = "The mobility binding table of the home agent (RFC 5944 §3.8.3)")
public @interface BindingStoreConfig {

    long DEFAULT_EXPIRY_TICK_MILLIS = 1000;

    @AttributeDefinition(name = "Expiry tick (ms)",
            description = "How often expired bindings are removed: a binding outlives its lifetime by at most this much",
            min = "1")
    long expiryTickMillis() default DEFAULT_EXPIRY_TICK_MILLIS;
}
