/**
 * The standard codecs, exported so that a bundle can wrap or reuse one, and {@link
 * net.homeagent.mip.codec.wire.Ipv4}, the IPv4 address helper of every layer above the codec
 * (final classes: callers only). 1.1.0 added {@code Ipv4}.
 */
@Version("1.1.0")
package net.homeagent.mip.codec.wire;

import org.osgi.annotation.versioning.Version;
