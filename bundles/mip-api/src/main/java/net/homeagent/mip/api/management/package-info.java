/**
 * Management services, both provided by the snmp bundle and used by the shell and the routes
 * ({@code @ProviderType}).
 */
@Version("1.0.0")
package net.homeagent.mip.api.management;

import org.osgi.annotation.versioning.Version;
