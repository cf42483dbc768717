package net.homeagent.dataplane;

import java.net.Inet4Address;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.TunnelSpec;

/**
 * The binding driver's queue, coalesced per home address: only the latest wanted state of a home
 * address matters, so every change of a home address that comes before the driver's thread takes it
 * joins its one entry ({@link HomeAddressChanges}). Home addresses are taken in the order their first
 * waiting change came; a home address that changes again after it was taken queues again at the end.
 *
 * <p>Bounded by the home addresses, not by the changes, and with no limit of its own: one entry per
 * home address, holding per binding only what the host has and what is wanted, so it never holds
 * more than the home addresses that had a binding at some time since the driver last took them
 * (with a million mobile nodes, at most a million entries of a few bindings each). When the host is
 * slower than registrations the entries wait, each holding the newest state of its home address;
 * nothing is dropped, and when the driver's thread comes to a home address it applies that state,
 * so the final state of every home address reaches the host. The changes that needed no call of
 * their own are counted by the driver ("coalesced").
 *
 * <p>Many registering threads add (the store calls its listeners on them), one thread takes.
 */
final class PendingTunnelChanges {

    private final ConcurrentHashMap<Inet4Address, HomeAddressChanges> byHome = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Inet4Address> oldestFirst = new ConcurrentLinkedQueue<>();

    /** See {@link HomeAddressChanges#add}. */
    void add(BindingKey key, TunnelSpec installed, TunnelSpec wanted, boolean replaced) {
        byHome.compute(key.homeAddress(), (home, waiting) -> {
            HomeAddressChanges changes = waiting;
            if (changes == null) {
                changes = new HomeAddressChanges(home);
                oldestFirst.add(home);
            }
            changes.add(key, installed, wanted, replaced);
            return changes;
        });
    }

    /** The changes of the home address that waited longest, taken out; null when none waits. */
    HomeAddressChanges take() {
        Inet4Address home = oldestFirst.poll();
        // a home address is queued with its entry, and only this (one) taking thread removes either
        return home == null ? null : byHome.remove(home);
    }

    boolean isEmpty() {
        return oldestFirst.isEmpty();
    }

    /** Home addresses with changes waiting. */
    int homes() {
        return byHome.size();
    }

    /** See {@link HomeAddressChanges#hostReconciled}; for every waiting home address. */
    void hostReconciled(Map<BindingKey, TunnelSpec> reconciled) {
        for (Inet4Address home : byHome.keySet()) {
            byHome.computeIfPresent(home, (h, changes) -> {
                changes.hostReconciled(reconciled);
                return changes;
            });
        }
    }
}
