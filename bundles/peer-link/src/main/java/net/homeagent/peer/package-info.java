/**
 * The peer link: authenticated, acknowledged, retransmitted datagrams between the appliance nodes
 * of one deployment (members of a redundancy group, a control node and its home agents, a primary
 * home agent and its secondaries). One {@link net.homeagent.peer.PeerLink} service per appliance;
 * each role opens its own {@link net.homeagent.peer.PeerChannel} by service number and speaks its
 * own protocol inside the link's payloads. Wire format: docs/protocols.md, "Peer link".
 *
 * <p>{@link net.homeagent.peer.PeerLink}, {@link net.homeagent.peer.PeerChannel} and
 * {@link net.homeagent.peer.GroupDelivery} are {@code @ProviderType} (peer-link implements them;
 * a method added is a minor bump); {@link net.homeagent.peer.PeerReceiver} is {@code @ConsumerType}
 * (every role implements it; an abstract method added is a major bump).
 */
@Version("1.0.0")
package net.homeagent.peer;

import org.osgi.annotation.versioning.Version;
