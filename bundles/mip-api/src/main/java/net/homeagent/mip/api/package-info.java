/**
 * The contracts the bundles of the appliance meet through: model records, the services one bundle
 * provides and others use, and the hooks roles implement.
 *
 * <p>Roles of the interfaces, which decide what a change costs (docs/api-versioning.md):
 * <ul>
 * <li>{@code @ProviderType}, implemented by the one bundle that owns the function, called by the
 * rest: {@link net.homeagent.mip.api.BindingStore} and {@link net.homeagent.mip.api.BindingBackupStatus}
 * (binding-store), {@link net.homeagent.mip.api.RegistrationService},
 * {@link net.homeagent.mip.api.SecurityAssociations}, {@link net.homeagent.mip.api.ForeignAgentAssociations}
 * and {@link net.homeagent.mip.api.RegistrationStatistics}
 * (home-agent), {@link net.homeagent.mip.api.DataPlane} and {@link net.homeagent.mip.api.UdpTunnelReceiver}
 * and {@link net.homeagent.mip.api.ReverseTunnelAdmission} (1.3.0)
 * (data-plane: another forwarder would be a provider too, tied to the minor version it implements).
 * A method added to one of them is a minor bump: callers keep working, the provider must follow.</li>
 * <li>{@code @ConsumerType}, the whiteboard hooks any role bundle implements:
 * {@link net.homeagent.mip.api.BindingListener}, {@link net.homeagent.mip.api.RegistrationPolicy} and
 * {@link net.homeagent.mip.api.ServingAuthority},
 * {@link net.homeagent.mip.api.ReplyBarrier} (1.1.0: a reply waits for a redundancy group's acknowledgements),
 * {@link net.homeagent.mip.api.DelegatedForwarding} (1.2.0: the home addresses a primary home agent delegated),
 * {@link net.homeagent.mip.api.TunnelHolder} (1.3.0: tunnels a secondary home agent installed, which a reconcile keeps).
 * An abstract method added to one of them is a major bump: every role that implements it breaks
 * (bnd counts a default method as minor; add one only if its default suits every implementer).</li>
 * </ul>
 * Records and enums are final: a new component or constant is a minor bump.
 *
 * <p>1.1.0: {@code Binding.INFINITE_LIFETIME}; the encapsulation inside a UDP tunnel (RFC 3519 §3.1)
 * in {@code Binding.innerEncapsulation} and {@code TunnelSpec.innerEncapsulation}, the 1.0
 * constructors kept (they mean IP in IP inside UDP, what 1.0 always sent); {@code ForeignAgentAssociations},
 * the FA-HA associations (RFC 5944 §3.5.4), moved here from the home agent so that the shell lists them.
 *
 * <p>1.2.0: {@code DelegatedForwarding}, the home addresses another node forwards for this one (a
 * primary home agent's delegations to secondary home agents), which this node's data plane leaves alone.
 *
 * <p>1.3.0: {@code TunnelHolder}, the tunnels a role installed for home addresses the binding table
 * does not hold (a secondary home agent's delegated ones), which the data plane's reconcile keeps;
 * {@code ReverseTunnelAdmission}, the reverse tunnels (RFC 3024 §4.2.1) a role has the data plane admit
 * for bindings its table does not hold (the HA control node's, for the mobiles of its home agents).
 */
@Version("1.3.0")
package net.homeagent.mip.api;

import org.osgi.annotation.versioning.Version;
