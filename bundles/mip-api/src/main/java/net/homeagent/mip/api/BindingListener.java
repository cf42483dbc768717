package net.homeagent.mip.api;

/**
 * Receives every binding change. Registered as an OSGi service (whiteboard); the store calls
 * listeners on the thread that made the change, so a listener must not block: hand slow work
 * to your own executor.
 */
@FunctionalInterface
public interface BindingListener {
    void bindingChanged(BindingEvent event);
}
