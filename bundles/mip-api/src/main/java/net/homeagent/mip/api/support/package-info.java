/**
 * Small helpers shared by the implementation bundles; final classes, so only their callers
 * depend on them.
 */
@Version("1.1.0")
package net.homeagent.mip.api.support;

import org.osgi.annotation.versioning.Version;
