package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Equal split of the mobiles over the SHAs: each new mobile goes to the SHA with the fewest, the
 * lowest node id among equals, skipping an SHA at its capacity. Mobiles are assigned one at a time,
 * so the SHAs' counts never differ by more than one while they are all up.
 */
public final class EqualSplit implements DelegationPolicy {

    public static final String NAME = "equal-split";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptionalInt choose(Inet4Address home, List<ShaLoad> available) {
        return available.stream().filter(ShaLoad::hasRoom)
                .min(Comparator.comparingInt(ShaLoad::mobiles).thenComparingInt(ShaLoad::nodeId))
                .map(load -> OptionalInt.of(load.nodeId())).orElse(OptionalInt.empty());
    }
}
