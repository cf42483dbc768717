package net.homeagent.group;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;

/**
 * The group member's {@link BindingListener}, a component of its own: the binding store binds its
 * listeners while it activates, and the member needs the store to activate, so a member that were
 * the listener itself would make a service cycle (SCR resolves it, but logs an ERROR). This one
 * needs nothing to activate and passes the changes on once the member is there; before that the
 * member is not active and would not replicate them anyway.
 */
@Component(service = BindingListener.class)
public final class ReplicationHook implements BindingListener {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile GroupComponent member;

    @Override
    public void bindingChanged(BindingEvent event) {
        GroupComponent current = member;
        if (current != null) {
            current.bindingChanged(event);
        }
    }
}
