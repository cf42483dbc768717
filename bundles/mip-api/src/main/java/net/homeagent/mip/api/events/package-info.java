/**
 * Appliance events. {@link net.homeagent.mip.api.events.ApplianceEvents} is provided by the routes
 * bundle ({@code @ProviderType}); {@link net.homeagent.mip.api.events.ApplianceEventListener} is
 * implemented by any role that wants the events ({@code @ConsumerType}), and
 * {@link net.homeagent.mip.api.events.NetworkAlertCheck} (1.3.0) by the role that reads network
 * alerts ({@code @ConsumerType}: the MIMM advisor implements it, the routes call it).
 */
@Version("1.3.0")
package net.homeagent.mip.api.events;

import org.osgi.annotation.versioning.Version;
