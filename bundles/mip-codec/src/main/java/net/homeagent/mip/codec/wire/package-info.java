/**
 * The standard codecs, exported so that a bundle can wrap or reuse one (final classes: callers only).
 */
@Version("1.0.0")
package net.homeagent.mip.codec.wire;

import org.osgi.annotation.versioning.Version;
