package net.homeagent.mip.api.events;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where any bundle publishes an {@link ApplianceEvent}: the appliance's event endpoint (the
 * routes bundle). Publishing never blocks and never throws: the hand-off is bounded, and an
 * event that does not fit is dropped and counted.
 */
@ProviderType
public interface ApplianceEvents {

    /** @return false when the event was dropped because the hand-off was full */
    boolean publish(ApplianceEvent event);
}
