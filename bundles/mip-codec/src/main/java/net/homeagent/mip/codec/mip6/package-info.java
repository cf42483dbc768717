/**
 * Mobile IPv6 wire formats (RFC 6275, with the RFC 5380 HMIPv6 M flag): the Mobility Header and
 * its eight messages (§6.1), the mobility options (§6.2), the Home Address destination option
 * (§6.3), the type 2 routing header (§6.4) and the return-routability keys and Binding
 * Authorization Data authenticator (§5.2.5, §6.2.7). {@link net.homeagent.mip.codec.mip6.MobilityHeaderCodec}
 * checks the Internet checksum over the IPv6 pseudo-header and answers malformed input with the
 * decision RFC 6275 §9.2 asks for (discard, ICMP Parameter Problem, or Binding Error status 2)
 * in a {@link net.homeagent.mip.codec.mip6.MalformedMobilityHeaderException}; nothing is sent
 * from here. Messages and options are records; their interfaces are sealed and
 * {@code @ProviderType}: only this bundle implements them, so a new message, option or method is a
 * minor bump. Pure Java on Netty buffers, no I/O. 1.1.0 made
 * {@link net.homeagent.mip.codec.mip6.InternetChecksum} public (the MIPv6 node's ICMPv6 errors) and
 * {@link net.homeagent.mip.codec.mip6.Ipv6Fields#read} (the addresses of the IPv6 headers it reads).
 */
@Version("1.1.0")
package net.homeagent.mip.codec.mip6;

import org.osgi.annotation.versioning.Version;
