package net.homeagent.mip.api;

import java.util.Collection;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A role that installs tunnels in this node's {@link DataPlane} for home addresses this node's
 * binding table does not hold: a secondary home agent forwarding the mobiles its primary delegated
 * to it (docs/delegation.md). Registered as an OSGi service by that role.
 *
 * <p>The data plane's binding driver makes the host agree with the binding table when it starts,
 * when a new table arrives and when the node starts serving ({@link DataPlane#reconcile},
 * {@link DataPlane#takeOver}); without the holders' tunnels in that list, the reconcile would remove
 * them as unexplained and nothing would install them again until the role's next change for each.
 *
 * @since 1.3.0
 */
@ConsumerType
public interface TunnelHolder {

    /**
     * Calls {@code reconcile} with every tunnel this holder has installed and installs, updates or
     * removes none while it runs, so that the host is made to agree with exactly what the holder
     * holds. {@code reconcile} does I/O and may take seconds: the holder's own changes wait meanwhile.
     */
    void whileHeld(Consumer<Collection<TunnelSpec>> reconcile);
}
