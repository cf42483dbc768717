package net.homeagent.mip.codec.netty;

import java.net.InetSocketAddress;

import net.homeagent.mip.codec.MipMessage;

/**
 * A well-formed Mobile IP message as received.
 *
 * @param message   the decoded message, with its wire octets
 * @param sender    the IP source address and UDP port
 * @param recipient the local address and port it was sent to
 */
public record InboundDatagram(MipMessage message, InetSocketAddress sender, InetSocketAddress recipient) {
}
