package net.homeagent.mip.api;

import java.util.Optional;

/**
 * A change of the binding table, delivered to every {@link BindingListener} after the change is
 * made, in the order the changes happened for one home address.
 *
 * @param type     what happened
 * @param binding  the binding as it is now (for REMOVED: as it was)
 * @param previous for RENEWED, the binding it replaced
 * @param reason   for REMOVED, why
 */
public record BindingEvent(Type type, Binding binding, Optional<Binding> previous, Optional<RemovalReason> reason) {

    public enum Type {
        /** A new binding (a new home address, or a new care-of address of a home address). */
        ADDED,
        /** An existing binding re-registered: new lifetime, identification, maybe flags. */
        RENEWED,
        /** The binding is gone. */
        REMOVED
    }

    public static BindingEvent added(Binding b) {
        return new BindingEvent(Type.ADDED, b, Optional.empty(), Optional.empty());
    }

    public static BindingEvent renewed(Binding b, Binding previous) {
        return new BindingEvent(Type.RENEWED, b, Optional.of(previous), Optional.empty());
    }

    public static BindingEvent removed(Binding b, RemovalReason reason) {
        return new BindingEvent(Type.REMOVED, b, Optional.empty(), Optional.of(reason));
    }
}
