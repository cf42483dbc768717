package net.homeagent.mip.codec;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.ext.Extension;

/**
 * Registration Reply, RFC 5944 §3.4.
 *
 * @param code           the reply code, see {@link ReplyCode}
 * @param lifetime       granted lifetime in seconds
 * @param homeAddress    the mobile node's home address
 * @param homeAgent      the home agent's address
 * @param identification the identification answered (§5.7)
 * @param extensions     extensions in wire order
 * @param wire           the exact bytes received; empty when built locally
 */
public record RegistrationReply(int code, int lifetime, Inet4Address homeAddress, Inet4Address homeAgent,
        long identification, List<Extension> extensions, Optional<byte[]> wire) implements MipMessage {

    public static final int TYPE = 3;

    public RegistrationReply {
        extensions = List.copyOf(extensions);
    }

    public RegistrationReply(int code, int lifetime, Inet4Address homeAddress, Inet4Address homeAgent,
            long identification, List<Extension> extensions) {
        this(code, lifetime, homeAddress, homeAgent, identification, extensions, Optional.empty());
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
}
