package net.homeagent.mip.api.management;

import net.homeagent.mip.api.events.ApplianceEvent;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns appliance events into management notifications (the SNMP agent: traps or informs to the
 * configured targets). Rate-limited by the implementation; never blocks the caller for long.
 */
@ProviderType
public interface ManagementNotifier {

    /** @return whether a notification was sent (false: not a notifiable kind, rate-limited, or no target) */
    boolean raise(ApplianceEvent event);
}
