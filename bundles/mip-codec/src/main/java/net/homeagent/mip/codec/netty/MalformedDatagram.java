package net.homeagent.mip.codec.netty;

import java.net.InetSocketAddress;

import net.homeagent.mip.codec.MalformedMessageException;

/**
 * A datagram on the Mobile IP port that is not a well-formed message; {@code error} says whether
 * to answer it (code 134 to the request header it carries) or to drop it silently.
 */
public record MalformedDatagram(MalformedMessageException error, InetSocketAddress sender,
        InetSocketAddress recipient) {
}
