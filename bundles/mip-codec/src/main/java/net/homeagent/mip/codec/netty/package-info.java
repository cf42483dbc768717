/** The Netty datagram decoder and encoder and the values they pass (final classes: callers only). */
@Version("1.0.0")
package net.homeagent.mip.codec.netty;

import org.osgi.annotation.versioning.Version;
