package net.homeagent.delegation.pha;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

import net.homeagent.delegation.pha.DelegationPolicy.ShaLoad;

/** The SHA with room that forwarded the fewest packets, then the fewest mobiles, then the lowest node id. */
final class LeastLoaded {

    static final Comparator<ShaLoad> ORDER = Comparator.comparingLong(ShaLoad::packets)
            .thenComparingInt(ShaLoad::mobiles).thenComparingInt(ShaLoad::nodeId);

    private LeastLoaded() {
    }

    static Optional<ShaLoad> of(Collection<ShaLoad> shas) {
        return shas.stream().filter(ShaLoad::hasRoom).min(ORDER);
    }
}
