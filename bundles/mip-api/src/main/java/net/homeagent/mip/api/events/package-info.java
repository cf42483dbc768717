/**
 * Appliance events. {@link net.homeagent.mip.api.events.ApplianceEvents} is provided by the routes
 * bundle ({@code @ProviderType}); {@link net.homeagent.mip.api.events.ApplianceEventListener} is
 * implemented by any role that wants the events ({@code @ConsumerType}).
 */
@Version("1.2.0")
package net.homeagent.mip.api.events;

import org.osgi.annotation.versioning.Version;
