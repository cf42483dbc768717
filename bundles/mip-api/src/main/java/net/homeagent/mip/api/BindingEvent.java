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
 * @param origin   where the change came from
 */
public record BindingEvent(Type type, Binding binding, Optional<Binding> previous, Optional<RemovalReason> reason,
        ChangeOrigin origin) {

    public enum Type {
        /** A new binding (a new home address, or a new care-of address of a home address). */
        ADDED,
        /** An existing binding re-registered: new lifetime, identification, maybe flags. */
        RENEWED,
        /** The binding is gone. */
        REMOVED
    }

    /** A binding added here ({@link ChangeOrigin#LOCAL}). */
    public static BindingEvent added(Binding b) {
        return added(b, ChangeOrigin.LOCAL);
    }

    public static BindingEvent added(Binding b, ChangeOrigin origin) {
        return new BindingEvent(Type.ADDED, b, Optional.empty(), Optional.empty(), origin);
    }

    /** A binding renewed here ({@link ChangeOrigin#LOCAL}). */
    public static BindingEvent renewed(Binding b, Binding previous) {
        return renewed(b, previous, ChangeOrigin.LOCAL);
    }

    public static BindingEvent renewed(Binding b, Binding previous, ChangeOrigin origin) {
        return new BindingEvent(Type.RENEWED, b, Optional.of(previous), Optional.empty(), origin);
    }

    /** A binding removed here ({@link ChangeOrigin#LOCAL}). */
    public static BindingEvent removed(Binding b, RemovalReason reason) {
        return removed(b, reason, ChangeOrigin.LOCAL);
    }

    public static BindingEvent removed(Binding b, RemovalReason reason, ChangeOrigin origin) {
        return new BindingEvent(Type.REMOVED, b, Optional.empty(), Optional.of(reason), origin);
    }
}
