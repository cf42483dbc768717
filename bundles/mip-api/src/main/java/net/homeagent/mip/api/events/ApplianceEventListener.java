package net.homeagent.mip.api.events;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A role that wants some kinds of appliance events (the MIMM advisor wants
 * {@link ApplianceEvent.Kind#NETWORK_ALERT}s), registered as an OSGi service (whiteboard). Called on
 * the event route's thread, one event at a time: hand slow work to your own executor.
 */
@ConsumerType
public interface ApplianceEventListener {

    /** The kinds this listener receives. */
    Set<ApplianceEvent.Kind> kinds();

    void eventPublished(ApplianceEvent event);
}
