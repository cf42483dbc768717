package net.homeagent.mip.api;

import java.net.InetSocketAddress;

import net.homeagent.mip.codec.RegistrationRequest;

/**
 * A Registration Request as it reached the home agent.
 *
 * @param request    the decoded request, with its wire bytes for authentication
 * @param source     the IP source address and UDP port it came from (foreign agent or mobile node)
 * @param receivedOn the local address and port it was sent to; the reply leaves from there
 */
public record InboundRegistration(RegistrationRequest request, InetSocketAddress source,
        InetSocketAddress receivedOn) {
}
