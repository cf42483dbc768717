/** Authenticator algorithms (final classes and enums: callers only). */
@Version("1.0.0")
package net.homeagent.mip.codec.auth;

import org.osgi.annotation.versioning.Version;
