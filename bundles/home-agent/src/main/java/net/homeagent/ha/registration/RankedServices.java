package net.homeagent.ha.registration;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The services of a dynamic DS reference in ranking order ({@link RankedPolicies#order}), sorted
 * again only when DS has replaced the list: DS hands over a new list on every change, while the
 * list is read for every registration.
 */
final class RankedServices<S> implements Supplier<List<S>> {

    private final Supplier<List<Map.Entry<Map<String, Object>, S>>> bound;
    private volatile Ordered<S> last = new Ordered<>(List.of(), List.of());

    RankedServices(Supplier<List<Map.Entry<Map<String, Object>, S>>> bound) {
        this.bound = bound;
    }

    @Override
    public List<S> get() {
        List<Map.Entry<Map<String, Object>, S>> current = bound.get();
        Ordered<S> seen = last;
        if (seen.from() != current) {
            seen = new Ordered<>(current, RankedPolicies.order(current));
            last = seen;
        }
        return seen.services();
    }

    /** @param from the list DS handed over, compared by identity */
    private record Ordered<S>(List<?> from, List<S> services) {
    }
}
