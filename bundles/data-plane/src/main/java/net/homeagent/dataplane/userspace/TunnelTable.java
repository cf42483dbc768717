package net.homeagent.dataplane.userspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The forwarder's view of the bindings: home address to the tunnels of its care-of addresses
 * (several with simultaneous bindings, RFC 5944 §3.6.1.3: each gets a copy). One writer (the
 * binding driver's thread), lock-free readers (the forwarding loops): each home address maps to an
 * array that is replaced, never changed.
 *
 * <p>Beside it, the reverse-only tunnels: bindings of home addresses another node forwards (a
 * primary home agent that delegated them, docs/delegation.md; the home agents behind an HA control
 * node, docs/hacn.md). Their care-of addresses still tunnel to this node's address, the one in the
 * registration reply, so their reverse tunnels land here and are admitted and unwrapped here (RFC 3024
 * §4.2.1, issue 13's "decapsulated where it lands"); they are never looked up by the forward
 * direction, and nothing routes or proxies their home addresses. They are kept per
 * {@link ReverseOnlyOwner}: each owner replaces its own set only.
 */
final class TunnelTable {

    private static final TunnelEntry[] NONE = new TunnelEntry[0];

    private final ConcurrentHashMap<Integer, TunnelEntry[]> byHome = new ConcurrentHashMap<>();
    /** Filled for every owner here and never changed after: readers need no lock to look an owner up. */
    private final EnumMap<ReverseOnlyOwner, ConcurrentHashMap<Integer, TunnelEntry[]>> reverseOnly =
            new EnumMap<>(ReverseOnlyOwner.class);
    /** Datagrams of each owner's reverse-only tunnels admitted, over every entry that ever was. */
    private final EnumMap<ReverseOnlyOwner, LongAdder> reverseOnlyAdmitted = new EnumMap<>(ReverseOnlyOwner.class);
    private final int udpLocalPort;

    TunnelTable(int udpLocalPort) {
        this.udpLocalPort = udpLocalPort;
        for (ReverseOnlyOwner owner : ReverseOnlyOwner.ALL) {
            reverseOnly.put(owner, new ConcurrentHashMap<>());
            reverseOnlyAdmitted.put(owner, new LongAdder());
        }
    }

    /** The tunnels of a home address, never null; do not change the array. */
    TunnelEntry[] find(int home) {
        TunnelEntry[] entries = byHome.get(home);
        return entries == null ? NONE : entries;
    }

    /** {@code owner}'s reverse-only tunnels of a home address, never null; do not change the array. */
    TunnelEntry[] findReverseOnly(ReverseOnlyOwner owner, int home) {
        TunnelEntry[] entries = reverseOnly.get(owner).get(home);
        return entries == null ? NONE : entries;
    }

    /**
     * {@code owner}'s reverse-only tunnels of {@code home} are exactly {@code specs} from now on (none:
     * empty); an entry of the same binding keeps its counters. Other owners' entries stay.
     */
    void admitReverseOnly(ReverseOnlyOwner owner, int home, Collection<TunnelSpec> specs) {
        if (specs.isEmpty()) {
            reverseOnly.get(owner).remove(home);
            return;
        }
        reverseOnly.get(owner).put(home, specs.stream().map(spec -> reverseOnlyEntry(owner, home, spec))
                .toArray(TunnelEntry[]::new));
    }

    /**
     * {@code owner}'s reverse-only tunnels are exactly {@code specs} from now on, whatever their home
     * addresses; other owners' entries stay.
     */
    void admitReverseOnly(ReverseOnlyOwner owner, Collection<TunnelSpec> specs) {
        Map<Integer, List<TunnelSpec>> byItsHome = new HashMap<>();
        specs.forEach(spec -> byItsHome.computeIfAbsent(Ipv4.toInt(spec.homeAddress()), h -> new ArrayList<>())
                .add(spec));
        reverseOnly.get(owner).keySet().removeIf(home -> !byItsHome.containsKey(home));
        byItsHome.forEach((home, its) -> admitReverseOnly(owner, home, its));
    }

    private TunnelEntry reverseOnlyEntry(ReverseOnlyOwner owner, int home, TunnelSpec spec) {
        for (TunnelEntry existing : findReverseOnly(owner, home)) {
            if (existing.spec.equals(spec)) {
                return existing;
            }
        }
        return new TunnelEntry(spec, udpLocalPort);
    }

    /** {@code owner}'s reverse-only tunnels, all home addresses together. */
    int reverseOnlySize(ReverseOnlyOwner owner) {
        return reverseOnly.get(owner).values().stream().mapToInt(e -> e.length).sum();
    }

    /** Counts a datagram admitted by one of {@code owner}'s reverse-only tunnels. */
    void reverseOnlyAdmitted(ReverseOnlyOwner owner) {
        reverseOnlyAdmitted.get(owner).increment();
    }

    /** Datagrams {@code owner}'s reverse-only tunnels admitted, over every entry that ever was. */
    long reverseOnlyAdmittedCount(ReverseOnlyOwner owner) {
        return reverseOnlyAdmitted.get(owner).sum();
    }

    TunnelEntry find(BindingKey key) {
        int careOf = Ipv4.toInt(key.careOfAddress());
        for (TunnelEntry entry : find(Ipv4.toInt(key.homeAddress()))) {
            if (entry.endpoint.careOf() == careOf) {
                return entry;
            }
        }
        return null;
    }

    /** What {@link #put} did. */
    enum Change { UNCHANGED, CHANGED, NEW_BINDING, NEW_HOME }

    /** Adds the tunnel, or replaces the one of the same key (its counters go on). */
    Change put(TunnelSpec spec) {
        int home = Ipv4.toInt(spec.homeAddress());
        TunnelEntry[] entries = find(home);
        TunnelEntry existing = find(spec.key());
        if (existing != null && existing.spec.equals(spec)) {
            return Change.UNCHANGED;
        }
        TunnelEntry fresh = new TunnelEntry(spec, udpLocalPort);
        if (existing != null) {
            carryCounters(existing, fresh);
            byHome.put(home, replace(entries, existing, fresh));
            return Change.CHANGED;
        }
        TunnelEntry[] grown = Arrays.copyOf(entries, entries.length + 1);
        grown[entries.length] = fresh;
        byHome.put(home, grown);
        return entries.length == 0 ? Change.NEW_HOME : Change.NEW_BINDING;
    }

    /**
     * Replaces {@code previous}'s tunnel by {@code spec}'s in one step (a care-of change of the same
     * home address): there is never a moment without a tunnel.
     *
     * @return false when {@code previous} is not here or belongs to another home address
     */
    boolean move(BindingKey previous, TunnelSpec spec) {
        TunnelEntry old = find(previous);
        if (old == null || !previous.homeAddress().equals(spec.homeAddress()) || find(spec.key()) != null) {
            return false;
        }
        int home = Ipv4.toInt(spec.homeAddress());
        byHome.put(home, replace(find(home), old, new TunnelEntry(spec, udpLocalPort)));
        return true;
    }

    /** Removes the tunnel; returns true when it was the home address's last. */
    boolean remove(BindingKey key) {
        TunnelEntry entry = find(key);
        if (entry == null) {
            return false;
        }
        int home = Ipv4.toInt(key.homeAddress());
        TunnelEntry[] left = Arrays.stream(find(home)).filter(e -> e != entry).toArray(TunnelEntry[]::new);
        if (left.length == 0) {
            byHome.remove(home);
            return true;
        }
        byHome.put(home, left);
        return false;
    }

    List<TunnelSpec> specs() {
        List<TunnelSpec> all = new ArrayList<>();
        byHome.values().forEach(entries -> Arrays.stream(entries).forEach(e -> all.add(e.spec)));
        all.sort(TunnelSpec.BY_ADDRESSES);
        return all;
    }

    int size() {
        return byHome.values().stream().mapToInt(e -> e.length).sum();
    }

    private static TunnelEntry[] replace(TunnelEntry[] entries, TunnelEntry old, TunnelEntry fresh) {
        TunnelEntry[] copy = entries.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == old) {
                copy[i] = fresh;
            }
        }
        return copy;
    }

    private static void carryCounters(TunnelEntry from, TunnelEntry to) {
        to.packetsTunnelled.add(from.packetsTunnelled.sum());
        to.bytesTunnelled.add(from.bytesTunnelled.sum());
        to.packetsReverse.add(from.packetsReverse.sum());
        to.bytesReverse.add(from.bytesReverse.sum());
        to.refusedReverse.add(from.refusedReverse.sum());
    }
}
