package net.homeagent.mip.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Forwarding for the bindings: datagrams for a home address are tunnelled to its care-of address
 * (RFC 5944 §4.2.3), and, with reverse tunnelling (RFC 3024), datagrams tunnelled from a care-of
 * address are decapsulated and forwarded. The home agent drives it from {@link BindingEvent}s;
 * one implementation forwards in user space through a TUN device, another programs the host
 * kernel's ipip/gre tunnels. Methods may do I/O (netlink, a device): never call them on the
 * thread that registers bindings.
 */
@ProviderType
public interface DataPlane {

    /**
     * Starts forwarding for {@code tunnel.key()}, or replaces its settings (idempotent): the home
     * address gets a route into the data plane, a proxy ARP entry on the home link and a
     * gratuitous ARP (RFC 5944 §4.6).
     */
    void install(TunnelSpec tunnel);

    /**
     * The binding moved: traffic for the home address leaves for {@code tunnel}'s care-of address
     * instead of {@code previous}'s, without a moment in which the home address has no route.
     */
    void update(BindingKey previous, TunnelSpec tunnel);

    /** Stops forwarding for this binding; the home address's route and proxy entry go with its last binding. */
    void remove(BindingKey key);

    /**
     * Makes the host agree with {@code live}: routes, neighbour proxy entries and tunnels no live
     * binding explains are removed (a crash or an older run may have left them), every live one is
     * (re)installed. Called at start.
     */
    void reconcile(Collection<TunnelSpec> live);

    /**
     * The node starts serving ({@link ServingAuthority}): {@link #reconcile} with {@code live}, and
     * then every home address is announced on the home link (gratuitous ARP, RFC 5944 §4.6), even one
     * the host already proxies, because until now the home link sent its traffic to another node.
     */
    void takeOver(Collection<TunnelSpec> live);

    /**
     * The node stands by ({@link ServingAuthority}): nothing is forwarded and no home address is
     * routed or proxied here, so that the home link keeps sending to the node that serves.
     */
    default void standBy() {
        reconcile(List.of());
    }

    /** Traffic of one binding, if it is installed. */
    Optional<TunnelCounters> counters(BindingKey key);

    /** The installed tunnels, sorted by home then care-of address. */
    List<TunnelSpec> tunnels();

    /** Which implementation runs, whether it forwards, and why not when it does not. */
    DataPlaneStatus status();
}
