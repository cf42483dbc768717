package net.homeagent.mip.api;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whether this node may serve its bindings now: forward their traffic and announce their home
 * addresses on the home link (rules of the house 9: a redundancy group's standby member, a control
 * node's redundant home agent not yet activated, hold bindings they must not serve). A role that can
 * make the node stand by registers one; with none registered the node serves, as a lone home agent
 * does.
 *
 * <p>The data plane follows it: standing by, it withdraws every home address and ignores binding
 * changes (a standby member receives its peers' replicated changes); serving again, it installs the
 * whole table at once and announces every home address ({@link DataPlane#takeOver}). When the
 * authority goes away (its bundle updated in place), the data plane keeps the last state it was
 * told: a member that stood by must not start attracting its group's traffic because its role
 * bundle restarts.
 */
@ConsumerType
public interface ServingAuthority {

    /** Whether the node serves now. */
    boolean serving();

    /**
     * Tells {@code watcher} every change of {@link #serving()} from now on, with the new value, on
     * the authority's thread: the watcher must be quick and never block.
     * {@link net.homeagent.mip.api.support.ServingWatchers} keeps the watchers for an implementer.
     */
    void addWatcher(Consumer<Boolean> watcher);

    /** Stops telling {@code watcher}. */
    void removeWatcher(Consumer<Boolean> watcher);
}
