package net.homeagent.hacn.agent;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.mip.api.ServingAuthority;
import net.homeagent.mip.api.support.ServingWatchers;

/**
 * Whether this HA serves (rules of the house 9): an active HA does; a redundant HA holds the
 * bindings the HACN downloads to it without serving them (no tunnels, no proxy ARP) until the HACN
 * activates it (docs/hacn.md, "Takeover"); an HA the HACN tells to stand by (a failed HA heard
 * again, the HA of a manual switchover: docs/hacn.md, "Rejoin") stops serving and is a redundant HA
 * from then on, until it restarts with its configured role.
 */
final class AgentServing implements ServingAuthority {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServing.class);

    private final ServingWatchers watchers = new ServingWatchers(LOG::warn);
    private volatile AgentRole role;

    AgentServing(boolean redundant) {
        this.role = redundant ? AgentRole.STANDING_BY : AgentRole.ACTIVE;
    }

    @Override
    public boolean serving() {
        return role != AgentRole.STANDING_BY;
    }

    AgentRole role() {
        return role;
    }

    /** Whether the HACN may download a failed HA's bindings here: a redundant HA, standing by or activated. */
    boolean takesDownloads() {
        return role != AgentRole.ACTIVE;
    }

    /** @return whether this changed the state (standing by -> activated) */
    synchronized boolean activate() {
        if (role != AgentRole.STANDING_BY) {
            return false;
        }
        role = AgentRole.ACTIVATED;
        watchers.tell(true);
        return true;
    }

    /** @return the role it had, standing by now */
    synchronized AgentRole standBy() {
        AgentRole was = role;
        if (was != AgentRole.STANDING_BY) {
            role = AgentRole.STANDING_BY;
            watchers.tell(false);
        }
        return was;
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
