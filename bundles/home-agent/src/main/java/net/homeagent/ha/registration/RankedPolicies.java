package net.homeagent.ha.registration;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import net.homeagent.mip.api.RegistrationPolicy;

/**
 * Orders {@link RegistrationPolicy} and {@link net.homeagent.mip.api.VendorExtensionHandler}
 * services as their contracts say: highest {@code service.ranking} first, then the oldest (lowest
 * {@code service.id}), as the framework orders services.
 */
public final class RankedPolicies {

    private static final Comparator<Map<String, Object>> ORDER = Comparator
            .comparingInt(RankedPolicies::ranking).reversed().thenComparingLong(RankedPolicies::serviceId);

    private RankedPolicies() {
    }

    /** @param services each policy with its service properties, as DS hands them over */
    public static <S> List<S> order(Collection<Map.Entry<Map<String, Object>, S>> services) {
        return services.stream().sorted(Map.Entry.comparingByKey(ORDER)).map(Map.Entry::getValue).toList();
    }

    private static int ranking(Map<String, Object> properties) {
        // OSGi core §5.2.5: a service.ranking that is not an Integer counts as 0.
        return properties.get("service.ranking") instanceof Integer r ? r : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get("service.id") instanceof Long id ? id : Long.MAX_VALUE;
    }
}
