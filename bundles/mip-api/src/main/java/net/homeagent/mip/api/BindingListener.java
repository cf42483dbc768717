package net.homeagent.mip.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every binding change. Registered as an OSGi service (whiteboard); the store calls
 * listeners on the thread that made the change, so a listener must not block: hand slow work
 * to your own executor.
 */
@ConsumerType
@FunctionalInterface
public interface BindingListener {
    void bindingChanged(BindingEvent event);
}
