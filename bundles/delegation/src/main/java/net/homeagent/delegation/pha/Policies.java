package net.homeagent.delegation.pha;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The policies the PHA knows, by name, and the one active now. */
public final class Policies {

    private static final Logger LOG = LoggerFactory.getLogger(Policies.class);

    private final Map<String, DelegationPolicy> byName = new LinkedHashMap<>();
    private volatile DelegationPolicy active;

    public Policies(List<DelegationPolicy> known, String initial) {
        known.forEach(p -> byName.put(p.name(), p));
        active = find(initial, "policy");
    }

    /** Equal split, packet threshold, even load and manual. */
    public static Policies standard(String initial, LoadSettings load) {
        return new Policies(List.of(new EqualSplit(), new PacketThreshold(load), new EvenLoad(load), new ManualOnly()),
                initial);
    }

    public DelegationPolicy active() {
        return active;
    }

    /**
     * Makes {@code name} the active policy; mobiles already delegated stay where they are.
     *
     * @throws IllegalArgumentException naming the known policies for any other name
     */
    public synchronized DelegationPolicy select(String name) {
        DelegationPolicy before = active;
        active = find(name, "policy");
        LOG.info("delegation policy: {} -> {}", before.name(), active.name());
        return active;
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private DelegationPolicy find(String name, String key) {
        DelegationPolicy policy = byName.get(name.trim());
        if (policy == null) {
            throw new IllegalArgumentException(key + ": unknown policy '" + name + "', known: " + byName.keySet());
        }
        return policy;
    }
}
