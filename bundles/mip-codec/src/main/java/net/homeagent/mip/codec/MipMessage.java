package net.homeagent.mip.codec;

import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.ext.Extension;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A Mobile IPv4 control message (RFC 5944 §3) as carried in one UDP datagram on port 434. Open:
 * this bundle's {@link RegistrationRequest}, {@link RegistrationReply} and {@link TunnelData} are
 * final records, and a bundle that adds a message type implements this for its own record and
 * registers the codec through a {@link CodecProvider}. Callers therefore test for the type they
 * handle ({@code instanceof RegistrationRequest r}) and treat anything else as "not mine".
 */
@ConsumerType
public interface MipMessage {

    /** The message type code of the fixed header (RFC 5944 §3.3: 1, §3.4: 3). */
    int type();

    /** Extensions in wire order; authentication extensions must stay where they were received. */
    List<Extension> extensions();

    /** The first extension of the given class, if any. */
    default <E extends Extension> Optional<E> extension(Class<E> kind) {
        // a plain loop over an indexed list: this runs for every message on the registration path
        List<Extension> extensions = extensions();
        for (int i = 0; i < extensions.size(); i++) {
            Extension extension = extensions.get(i);
            if (kind.isInstance(extension)) {
                return Optional.of(kind.cast(extension));
            }
        }
        return Optional.empty();
    }
}
