/**
 * The extension model. {@link net.homeagent.mip.codec.ext.Extension} is {@code @ConsumerType}:
 * a bundle that registers an extension type implements it.
 */
@Version("1.0.0")
package net.homeagent.mip.codec.ext;

import org.osgi.annotation.versioning.Version;
