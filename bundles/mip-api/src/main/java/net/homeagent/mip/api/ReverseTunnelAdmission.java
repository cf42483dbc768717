package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.util.Collection;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reverse tunnels this node's data plane admits and unwraps for bindings its binding table does not
 * hold: an HA control node owns the public home agent address that the mobile nodes of its home
 * agents tunnel to (RFC 3024 §5.2), so their reverse tunnels land on the control node's box, which
 * holds only the home agents' mobility binding records (docs/hacn.md). The data plane admits a
 * datagram of such a tunnel exactly as one of its own bindings' (RFC 3024 §4.2.1: its inner source is
 * the home address of an admitted binding whose care-of address is the outer source, or for RFC 3519
 * the NAT's address and port; §4.3: reverse tunnelling granted; a GRE key, the binding's), unwraps it
 * and lets the host route the inner datagram on; it never routes, proxies or announces the home
 * address, and the forward direction never sees the binding. What is admitted and refused shows in
 * the data plane's counters ({@code mip:dataplane}).
 *
 * <p>The caller's set is its own: the data plane's binding driver keeps its reverse-only entries
 * (a primary home agent's delegated home addresses) apart, so neither replaces the other's. Calls
 * may take a lock of the data plane: do not call it while holding a lock the data plane's threads
 * could need. Registered by the data-plane bundle beside {@link DataPlane}.
 *
 * @since 1.3.0
 */
@ProviderType
public interface ReverseTunnelAdmission {

    /**
     * The admitted bindings of {@code home} are exactly {@code bindings} from now on (empty: none);
     * one of the same binding as before keeps its counters. Called at every change of the home
     * address's bindings (registration, renewal, care-of move, deregistration, expiry).
     *
     * @throws IllegalArgumentException when a binding is of another home address
     */
    void admit(Inet4Address home, Collection<TunnelSpec> bindings);

    /**
     * The admitted bindings of every home address are exactly {@code bindings} from now on: whatever
     * this caller admitted and is not in {@code bindings} goes (activation, a standby becoming active:
     * all; becoming a standby: none).
     */
    void admitOnly(Collection<TunnelSpec> bindings);
}
