package net.homeagent.mip.codec;

import java.util.List;

import net.homeagent.mip.codec.ext.Extension;

/** A Mobile IPv4 control message (RFC 5944 §3) as carried in one UDP datagram on port 434. */
public sealed interface MipMessage permits RegistrationRequest, RegistrationReply, TunnelData {

    /** The message type code of the fixed header (RFC 5944 §3.3: 1, §3.4: 3). */
    int type();

    /** Extensions in wire order; authentication extensions must stay where they were received. */
    List<Extension> extensions();
}
