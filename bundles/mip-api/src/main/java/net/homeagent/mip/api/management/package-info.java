/**
 * Management services ({@code @ProviderType}): the SNMP agent's, provided by the snmp bundle and used
 * by the shell and the routes; and the redundancy group's view (1.1.0), provided by group-sync and
 * served by the snmp bundle; the primary home agent's delegation view (1.2.0), provided by the
 * delegation bundle and served by the snmp bundle; the Mobile IPv6 node's view and the HA control
 * node's view (1.3.0), provided by the mip6 and hacn bundles and served by the snmp bundle.
 */
@Version("1.3.0")
package net.homeagent.mip.api.management;

import org.osgi.annotation.versioning.Version;
