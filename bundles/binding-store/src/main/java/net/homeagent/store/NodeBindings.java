package net.homeagent.store;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.homeagent.mip.api.Binding;

/**
 * The bindings of one home address: immutable, one per care-of address (more than one only with
 * simultaneous bindings, RFC 5944 §3.6.1.2), kept sorted by care-of address. A change makes a new
 * instance, so readers never lock. A mobile node has a handful at most, so searches are linear.
 */
final class NodeBindings {

    static final NodeBindings NONE = new NodeBindings(new Binding[0]);

    private final Binding[] bindings;

    private NodeBindings(Binding[] bindings) {
        this.bindings = bindings;
    }

    static NodeBindings only(Binding binding) {
        return new NodeBindings(new Binding[] {binding});
    }

    Optional<Binding> at(Inet4Address careOfAddress) {
        int i = indexOf(careOfAddress);
        return i < 0 ? Optional.empty() : Optional.of(bindings[i]);
    }

    /** These bindings with {@code binding} added, or replacing the one at its care-of address. */
    NodeBindings with(Binding binding) {
        int i = indexOf(binding.careOfAddress());
        if (i >= 0) {
            Binding[] copy = bindings.clone();
            copy[i] = binding;
            return new NodeBindings(copy);
        }
        Binding[] grown = Arrays.copyOf(bindings, bindings.length + 1);
        grown[bindings.length] = binding;
        Arrays.sort(grown, BindingOrder.HOME_THEN_CARE_OF);
        return new NodeBindings(grown);
    }

    /** These bindings without the one at {@code careOfAddress}; {@link #NONE} when none is left. */
    NodeBindings without(Inet4Address careOfAddress) {
        int i = indexOf(careOfAddress);
        if (i < 0) {
            return this;
        }
        if (bindings.length == 1) {
            return NONE;
        }
        Binding[] shrunk = new Binding[bindings.length - 1];
        System.arraycopy(bindings, 0, shrunk, 0, i);
        System.arraycopy(bindings, i + 1, shrunk, i, shrunk.length - i);
        return new NodeBindings(shrunk);
    }

    /** The bindings at other care-of addresses than {@code careOfAddress}, in care-of order. */
    List<Binding> others(Inet4Address careOfAddress) {
        List<Binding> others = new ArrayList<>(bindings.length);
        for (Binding b : bindings) {
            if (!b.careOfAddress().equals(careOfAddress)) {
                others.add(b);
            }
        }
        return others;
    }

    /** The distinct index keys ({@link NaiIndex#normalise}) of the NAIs these bindings carry. */
    Set<String> naiKeys() {
        Set<String> keys = new HashSet<>(2);
        for (Binding b : bindings) {
            b.nai().ifPresent(nai -> keys.add(NaiIndex.normalise(nai)));
        }
        return keys;
    }

    List<Binding> asList() {
        return List.of(bindings);
    }

    int size() {
        return bindings.length;
    }

    boolean isEmpty() {
        return bindings.length == 0;
    }

    private int indexOf(Inet4Address careOfAddress) {
        for (int i = 0; i < bindings.length; i++) {
            if (bindings[i].careOfAddress().equals(careOfAddress)) {
                return i;
            }
        }
        return -1;
    }
}
