package net.homeagent.dataplane;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.TunnelSpec;

/**
 * The binding changes of one home address that the data plane has not been asked for yet, reduced
 * to what matters: per binding, the tunnel the host had before the first of them and the tunnel
 * wanted after the last. An install followed by a remove is a remove, or nothing when the tunnel was
 * never installed; several changes of a tunnel are the last.
 *
 * <p>Not thread-safe: {@link PendingTunnelChanges} changes it only inside its map's atomic compute
 * for the home address, and the driver's thread reads it after taking it out of the map.
 */
final class HomeAddressChanges {

    /** One binding: what the host has, what is wanted (null: nothing). */
    private static final class Change {
        final BindingKey key;
        TunnelSpec installed;
        TunnelSpec wanted;
        /** Removed because a registration at another care-of address replaced it (RFC 5944 §3.6.1.2). */
        boolean replaced;

        Change(BindingKey key, TunnelSpec installed) {
            this.key = key;
            this.installed = installed;
        }
    }

    private final Inet4Address home;
    private final Map<BindingKey, Change> byBinding = new LinkedHashMap<>(4);
    private int changes;

    HomeAddressChanges(Inet4Address home) {
        this.home = home;
    }

    Inet4Address home() {
        return home;
    }

    /**
     * One more change of a binding of this home address.
     *
     * @param installed the binding's tunnel before this change, null when it had none (ADDED)
     * @param wanted    its tunnel after it, null when it is gone (REMOVED)
     */
    void add(BindingKey key, TunnelSpec installed, TunnelSpec wanted, boolean replaced) {
        changes++;
        Change change = byBinding.computeIfAbsent(key, k -> new Change(k, installed));
        change.wanted = wanted;
        change.replaced = replaced;
        if (Objects.equals(change.installed, change.wanted)) {
            // nothing to ask of the host (e.g. added and removed again before the driver came):
            // forgotten, so that a node hopping between care-of addresses cannot grow the entry
            byBinding.remove(key);
        }
    }

    /** How many binding changes were added; those that need no call of their own were coalesced. */
    int changes() {
        return changes;
    }

    /**
     * The host was reconciled with the table since these changes came: what it has for each binding
     * is now {@code reconciled}'s tunnel (none when absent), whatever was there before.
     */
    void hostReconciled(Map<BindingKey, TunnelSpec> reconciled) {
        byBinding.values().forEach(change -> change.installed = reconciled.get(change.key));
    }

    /**
     * Another node forwards the home address now (it was delegated after these changes were queued):
     * whatever they wanted, the host must keep nothing for it, and a replaced binding is no move.
     */
    void handedAway() {
        byBinding.values().forEach(change -> {
            change.wanted = null;
            change.replaced = false;
        });
    }

    /**
     * The data plane calls that make the host have the wanted tunnels, in an order that never
     * unroutes the home address while a binding still wants it: changed tunnels first, then a
     * removed binding with a new one as a move ({@link DataPlane#update}), then new ones, then
     * removals.
     *
     * @param inTable the home address's tunnels in the table now: the successor of a replaced binding
     *                whose ADDED has not come yet (the store announces REPLACED first), so that the
     *                move is still a move
     */
    List<TunnelCall> calls(Function<Inet4Address, List<TunnelSpec>> inTable) {
        List<TunnelCall> calls = new ArrayList<>();
        List<TunnelSpec> added = new ArrayList<>();
        List<Change> gone = new ArrayList<>();
        for (Change change : byBinding.values()) {
            if (change.wanted == null) {
                if (change.installed != null) {
                    gone.add(change);
                }
            } else if (change.installed == null) {
                added.add(change.wanted);
            } else if (!change.wanted.equals(change.installed)) {
                calls.add(TunnelCall.install(change.wanted));
            }
        }
        Iterator<TunnelSpec> arriving = added.iterator();
        Iterator<Change> leaving = gone.iterator();
        while (arriving.hasNext() && leaving.hasNext()) {
            calls.add(TunnelCall.update(leaving.next().key, arriving.next()));
        }
        arriving.forEachRemaining(tunnel -> calls.add(TunnelCall.install(tunnel)));
        leaving.forEachRemaining(change -> calls.add(removal(change, inTable)));
        return calls;
    }

    private TunnelCall removal(Change change, Function<Inet4Address, List<TunnelSpec>> inTable) {
        if (change.replaced) {
            Optional<TunnelSpec> successor = inTable.apply(home).stream()
                    .filter(tunnel -> !tunnel.key().equals(change.key)).findFirst();
            if (successor.isPresent()) {
                return TunnelCall.update(change.key, successor.get());
            }
        }
        return TunnelCall.remove(change.key);
    }
}
