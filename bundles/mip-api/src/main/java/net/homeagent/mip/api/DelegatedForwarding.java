package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Home addresses whose traffic another node forwards for this one: a primary home agent that
 * delegated a mobile's interception and tunnelling to a secondary home agent ("load balancing"
 * design, docs/delegation.md) keeps the binding, but its data plane must neither proxy nor tunnel
 * that home address, or two nodes would answer ARP for it. Registered as an OSGi service by the role
 * that delegates (at most one); with none registered every home address is forwarded here.
 *
 * <p>The data plane's binding driver asks {@link #delegated} for every binding change and, when a
 * watcher is told a home address, makes the host agree again: a home address delegated has its
 * tunnels and proxy entry removed; one taken back is installed from the table and announced
 * (gratuitous ARP, RFC 5944 §4.6), since until then the home link sent its traffic elsewhere.
 *
 * @since 1.2.0
 */
@ConsumerType
public interface DelegatedForwarding {

    /** Whether another node forwards {@code homeAddress} now. */
    boolean delegated(Inet4Address homeAddress);

    /**
     * Tells {@code watcher} each home address whose {@link #delegated} answer changed, on the
     * delegating role's thread: the watcher must be quick and never block.
     */
    void addWatcher(Consumer<Inet4Address> watcher);

    /** Stops telling {@code watcher}. */
    void removeWatcher(Consumer<Inet4Address> watcher);
}
