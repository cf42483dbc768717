package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.osgi.annotation.versioning.ProviderType;

import net.homeagent.mip.api.support.Futures;

/**
 * The mobility binding table. It owns the bindings, expires them on time by itself and tells
 * {@link BindingListener}s of every change. Operations on one home address are atomic.
 */
@ProviderType
public interface BindingStore {

    /**
     * Adds or renews the binding of {@code binding.key()}. Without {@code simultaneous} every
     * other binding of the same home address is removed with reason REPLACED (RFC 5944 §3.6.1.2).
     *
     * @return the binding it replaced for the same key, if it was a renewal
     */
    default RegisterOutcome register(Binding binding, boolean simultaneous) {
        return register(binding, simultaneous, ChangeOrigin.LOCAL);
    }

    /**
     * {@link #register(Binding, boolean)} of a change that came from {@code origin} (a peer's
     * replicated change, a downloaded snapshot): its events say so.
     */
    RegisterOutcome register(Binding binding, boolean simultaneous, ChangeOrigin origin);

    /**
     * Adds or renews {@code binding} beside the other bindings of its home address (the S flag,
     * RFC 5944 §3.6.1.2) unless that home address already holds {@code maxBindings} bindings at other
     * care-of addresses, so that with this one it would hold more than {@code maxBindings}. The count
     * and the write are one atomic operation on the home address, so
     * that requests handled at the same time on several threads cannot exceed the limit together.
     *
     * @return the outcome, or empty if the limit refused it (RFC 5944 §3.4: code 135, too many
     *         simultaneous mobility bindings)
     */
    Optional<RegisterOutcome> registerSimultaneous(Binding binding, int maxBindings);

    /**
     * Removes the binding of {@code homeAddress} at {@code careOfAddress}.
     *
     * @return the removed binding, or empty if there was none
     */
    default Optional<Binding> remove(Inet4Address homeAddress, Inet4Address careOfAddress, RemovalReason reason) {
        return remove(homeAddress, careOfAddress, reason, ChangeOrigin.LOCAL);
    }

    /** {@link #remove(Inet4Address, Inet4Address, RemovalReason)} of a removal that came from {@code origin}. */
    Optional<Binding> remove(Inet4Address homeAddress, Inet4Address careOfAddress, RemovalReason reason,
            ChangeOrigin origin);

    /** Removes every binding of {@code homeAddress}; returns them. */
    default List<Binding> removeAll(Inet4Address homeAddress, RemovalReason reason) {
        return removeAll(homeAddress, reason, ChangeOrigin.LOCAL);
    }

    /** {@link #removeAll(Inet4Address, RemovalReason)} of a removal that came from {@code origin}. */
    List<Binding> removeAll(Inet4Address homeAddress, RemovalReason reason, ChangeOrigin origin);

    /** Removes every binding in the table; returns how many. */
    int clear(RemovalReason reason);

    /** The bindings of one home address, empty if it has none. */
    List<Binding> find(Inet4Address homeAddress);

    /** The bindings registered with this NAI (RFC 2794), used to keep a dynamic home address. */
    List<Binding> findByNai(String nai);

    /** A consistent copy of the bindings that match, sorted by home then care-of address. */
    List<Binding> list(Predicate<Binding> filter);

    /** Number of bindings (not home addresses). */
    int size();

    /**
     * Shows every binding of the table to {@code visitor}, without copying or sorting the table
     * (the SNMP agent builds its walk index this way). Weakly consistent: a binding present for the
     * whole visit is shown once; one added or removed meanwhile may or may not be. The visitor is
     * called on the caller's thread and must be quick: it may hold up changes of the home address
     * it is shown.
     *
     * <p>The default rides on {@link #list}: its filter sees every binding and keeps none, so nothing
     * is copied. A store may do better.
     */
    default void forEachBinding(Consumer<Binding> visitor) {
        list(binding -> {
            visitor.accept(binding);
            return false;
        });
    }

    /**
     * Completes when every change made before the call is durable (on disk), so that a reply can
     * be sent only once what it acknowledges survives a crash. Never blocks the caller. Completes
     * exceptionally if the durable copy could not be written; the change is in the table anyway.
     * A store without a durable copy completes at once.
     */
    default CompletionStage<Void> sync() {
        return Futures.NOTHING_TO_WAIT_FOR;
    }

    /** The result of {@link #register}. */
    record RegisterOutcome(Binding binding, Optional<Binding> renewed, List<Binding> replaced) {
        public boolean isRenewal() {
            return renewed.isPresent();
        }
    }
}
