package net.homeagent.mip.codec;

import java.util.List;

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
}
