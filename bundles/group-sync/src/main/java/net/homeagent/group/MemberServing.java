package net.homeagent.group;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.ServingAuthority;
import net.homeagent.mip.api.support.ServingWatchers;

/**
 * The member's word to the data plane (rule 9): the node serves its bindings only while it is the
 * active member. Standing by, learning or passive, it holds the group's bindings without routing or
 * proxying their home addresses, or the home link would send their traffic to two hosts; becoming
 * active, the data plane takes the whole table over and announces every home address (RFC 5944 §4.6,
 * docs/dataplane.md "Serving and standing by").
 */
final class MemberServing implements ServingAuthority {

    private static final Logger LOG = LoggerFactory.getLogger(MemberServing.class);

    private final Supplier<MemberState> state;
    private final ServingWatchers watchers = new ServingWatchers(LOG::warn);

    MemberServing(Supplier<MemberState> state) {
        this.state = state;
    }

    /** To be told every transition of the member: the watchers hear only those in or out of ACTIVE. */
    void follow(MemberStateMachine.Transition transition) {
        boolean was = transition.from() == MemberState.ACTIVE;
        boolean now = transition.to() == MemberState.ACTIVE;
        if (was != now) {
            watchers.tell(now);
        }
    }

    @Override
    public boolean serving() {
        return state.get() == MemberState.ACTIVE;
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
