package net.homeagent.mip.api;

import java.net.InetSocketAddress;

import net.homeagent.mip.codec.TunnelData;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Takes RFC 3519 Tunnel Data messages that arrive on the home agent's registration socket: the
 * data plane decapsulates them (reverse tunnelling from a mobile node behind a NAT). Optional:
 * without a data plane the home agent counts and drops them. Called on the socket's event loop,
 * so it must not block.
 */
@ProviderType
@FunctionalInterface
public interface UdpTunnelReceiver {

    /**
     * @param message   the Tunnel Data message as received
     * @param sender    the NAT's (or foreign agent's) address and port the message came from
     * @param recipient the home agent address and port it was sent to
     */
    void tunnelData(TunnelData message, InetSocketAddress sender, InetSocketAddress recipient);
}
