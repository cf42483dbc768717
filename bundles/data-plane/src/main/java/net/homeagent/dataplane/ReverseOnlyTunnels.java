package net.homeagent.dataplane;

import java.net.Inet4Address;
import java.util.Collection;

import net.homeagent.mip.api.TunnelSpec;

/**
 * A data plane that still admits and unwraps the reverse tunnels (RFC 3024 §4.2.1) of home
 * addresses it does not forward: a primary home agent that delegated a mobile to a secondary home
 * agent (docs/delegation.md) stays the home agent address of the registration, so the mobile's care-of
 * address keeps tunnelling to it. Inside this bundle only, like {@link TunnelDriverStatus}: the
 * binding driver tells its data plane, which is this bundle's own.
 */
interface ReverseOnlyTunnels {

    /** For a data plane that decapsulates nothing (no forwarder runs): asks nothing. */
    ReverseOnlyTunnels NONE = new ReverseOnlyTunnels() {
        @Override
        public void admitReverseOnly(Inet4Address home, Collection<TunnelSpec> bindings) {
            // nothing decapsulates here
        }

        @Override
        public void admitReverseOnly(Collection<TunnelSpec> bindings) {
            // nothing decapsulates here
        }
    };

    /** The reverse-only bindings of {@code home} are exactly {@code bindings} from now on (empty: none). */
    void admitReverseOnly(Inet4Address home, Collection<TunnelSpec> bindings);

    /** The reverse-only bindings of every home address are exactly {@code bindings} from now on. */
    void admitReverseOnly(Collection<TunnelSpec> bindings);
}
