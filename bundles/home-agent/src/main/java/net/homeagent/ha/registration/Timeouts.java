package net.homeagent.ha.registration;

import java.time.Duration;

/** Runs an action after a delay; injected so that the policy stage's deadline is tested without sleeping. */
public interface Timeouts {

    /** @return cancels the action if it has not run yet */
    Runnable after(Duration delay, Runnable action);
}
