package net.homeagent.hacn.agent;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.mip.api.ServingAuthority;
import net.homeagent.mip.api.support.ServingWatchers;

/**
 * Whether this HA serves (rules of the house 9): an active HA always does; a redundant HA holds
 * the bindings the HACN downloads to it without serving them (no tunnels, no proxy ARP) until the
 * HACN activates it (docs/hacn.md, "Takeover"). It never goes back: a redundant HA that took over
 * is an active HA until it restarts.
 */
final class AgentServing implements ServingAuthority {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServing.class);

    private final boolean redundant;
    private final ServingWatchers watchers = new ServingWatchers(LOG::warn);
    private volatile boolean activated;

    AgentServing(boolean redundant) {
        this.redundant = redundant;
    }

    @Override
    public boolean serving() {
        return !redundant || activated;
    }

    AgentRole role() {
        if (!redundant) {
            return AgentRole.ACTIVE;
        }
        return activated ? AgentRole.ACTIVATED : AgentRole.STANDING_BY;
    }

    /** @return whether this changed the state (the first activation of a redundant HA) */
    synchronized boolean activate() {
        if (!redundant || activated) {
            return false;
        }
        activated = true;
        watchers.tell(true);
        return true;
    }

    @Override
    public void addWatcher(Consumer<Boolean> watcher) {
        watchers.add(watcher);
    }

    @Override
    public void removeWatcher(Consumer<Boolean> watcher) {
        watchers.remove(watcher);
    }
}
