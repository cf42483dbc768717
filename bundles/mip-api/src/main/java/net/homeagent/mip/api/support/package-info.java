/**
 * Small helpers shared by the implementation bundles; final classes, so only their callers
 * depend on them. 1.1.0 added {@link net.homeagent.mip.api.support.KarafFolder} and
 * {@link net.homeagent.mip.api.support.Futures}; 1.2.0 added
 * {@link net.homeagent.mip.api.support.DurableFile}; 1.3.0 added
 * {@link net.homeagent.mip.api.support.SecretFile}.
 */
@Version("1.3.0")
package net.homeagent.mip.api.support;

import org.osgi.annotation.versioning.Version;
