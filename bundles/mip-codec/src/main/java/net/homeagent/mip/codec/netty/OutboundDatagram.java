package net.homeagent.mip.codec.netty;

import java.net.InetSocketAddress;

import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipMessage;

/**
 * A message to send.
 *
 * @param message   what to send
 * @param signer    computes its authentication extensions ({@link MessageSigner#NONE} when none)
 * @param recipient where to send it
 * @param sender    the local address to send it from (the address the request came to), or null
 *                  to let the channel choose
 */
public record OutboundDatagram(MipMessage message, MessageSigner signer, InetSocketAddress recipient,
        InetSocketAddress sender) {
}
