package net.homeagent.store;

import java.net.Inet4Address;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The mobility binding table (RFC 5944 §3.8.3): home address -> {@link NodeBindings}, with the
 * NAI index and the binding count kept beside it.
 * <p>
 * {@link #update} is the only way the table changes: it receives the whole new state of one
 * home address. The durable backup records the events of the same change, queued right beside
 * this call under the same lock ({@code InMemoryBindingStore#commit}). Writers of one home address are serialised by the caller ({@link HomeAddressLocks});
 * readers go straight to the {@link ConcurrentHashMap} and see each home address either before
 * or after a change, never half way.
 */
final class BindingTable {

    private final ConcurrentHashMap<Inet4Address, NodeBindings> nodes = new ConcurrentHashMap<>();
    private final NaiIndex naiIndex = new NaiIndex();
    private final LongAdder bindingCount = new LongAdder();

    /** The bindings of {@code homeAddress}; {@link NodeBindings#NONE} if it has none. */
    NodeBindings get(Inet4Address homeAddress) {
        return nodes.getOrDefault(homeAddress, NodeBindings.NONE);
    }

    /** Sets the bindings of {@code homeAddress}; the caller holds that address's lock. */
    void update(Inet4Address homeAddress, NodeBindings after) {
        NodeBindings before = after.isEmpty() ? nodes.remove(homeAddress) : nodes.put(homeAddress, after);
        if (before == null) {
            before = NodeBindings.NONE;
        }
        bindingCount.add(after.size() - before.size());
        naiIndex.update(homeAddress, before, after);
    }

    /** A weakly consistent view: each element is one home address's bindings at one moment. */
    Collection<NodeBindings> allNodes() {
        return nodes.values();
    }

    Set<Inet4Address> homeAddresses() {
        return nodes.keySet();
    }

    List<Inet4Address> homeAddressesWithNai(String nai) {
        return naiIndex.homeAddresses(nai);
    }

    int size() {
        return bindingCount.intValue();
    }

    int indexedNaiCount() {
        return naiIndex.size();
    }
}
