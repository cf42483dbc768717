package net.homeagent.group;

import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;

/**
 * The group member's {@link BindingListener}, a component of its own that references nothing: the
 * binding store binds its listeners while it activates, and the member needs the store to activate.
 * A listener that needed the member (as a service) made a cycle whenever the member was the first to
 * be asked for (a shell command's tracker creating it): the store, activating for it, asked for
 * its listeners, this one for the member being created, and SCR broke the cycle by leaving this one
 * without its member for good, so no change was ever replicated. Here the member attaches itself
 * when it activates and detaches when it goes; before that it is not active and would not replicate
 * anyway.
 */
@Component(service = {BindingListener.class, ReplicationHook.class})
public final class ReplicationHook implements BindingListener {

    private volatile Consumer<BindingEvent> member;

    /** The member's replicator takes every change from now on. */
    void attach(Consumer<BindingEvent> replicator) {
        member = replicator;
    }

    /** Stops passing changes to {@code replicator}, if it is still the one attached. */
    void detach(Consumer<BindingEvent> replicator) {
        if (member == replicator) {
            member = null;
        }
    }

    @Override
    public void bindingChanged(BindingEvent event) {
        Consumer<BindingEvent> current = member;
        if (current != null) {
            current.accept(event);
        }
    }
}
