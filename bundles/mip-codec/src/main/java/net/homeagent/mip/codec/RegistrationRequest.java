package net.homeagent.mip.codec;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.ext.Extension;

/**
 * Registration Request, RFC 5944 §3.3.
 *
 * @param flags          the {@code S B D M G r T x} octet, see {@link RegistrationFlags}
 * @param lifetime       requested lifetime in seconds (0 = deregistration, 0xffff = infinity)
 * @param homeAddress    the mobile node's home address, 0.0.0.0 to ask for one (RFC 2794)
 * @param homeAgent      the home agent address the mobile node addressed
 * @param careOfAddress  the care-of address (equal to the home address when deregistering all)
 * @param identification the 64-bit identification used for replay protection (§5.7)
 * @param extensions     extensions in wire order
 * @param wire           the exact bytes received, for authenticator checks; empty when built locally
 */
public record RegistrationRequest(int flags, int lifetime, Inet4Address homeAddress, Inet4Address homeAgent,
        Inet4Address careOfAddress, long identification, List<Extension> extensions, Optional<byte[]> wire)
        implements MipMessage {

    public static final int TYPE = 1;

    public RegistrationRequest {
        extensions = List.copyOf(extensions);
    }

    /** A request built locally (not received), e.g. by a test client or the load generator. */
    public RegistrationRequest(int flags, int lifetime, Inet4Address homeAddress, Inet4Address homeAgent,
            Inet4Address careOfAddress, long identification, List<Extension> extensions) {
        this(flags, lifetime, homeAddress, homeAgent, careOfAddress, identification, extensions, Optional.empty());
    }

    @Override
    public int type() {
        return TYPE;
    }

    // Declared again only so that the 1.0 API keeps the method on this record (bnd's baseline reads
    // an inherited default as a removed method); the search itself is MipMessage's.
    @Override
    public <E extends Extension> Optional<E> extension(Class<E> kind) {
        return MipMessage.super.extension(kind);
    }

    public boolean flag(int bit) {
        return RegistrationFlags.isSet(flags, bit);
    }
}
