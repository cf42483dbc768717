package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Per-SHA load kept even by counters (issue 13, "Policies"): a new mobile goes to the least loaded
 * SHA (fewest packets in the last interval, then fewest mobiles), and every interval, while the
 * busiest and the idlest SHA differ by more than the even band ({@code evenBandPercent} of their
 * mean, and at least {@code returnBelow} packets), one mobile moves from the busiest to the idlest:
 * the busiest one whose packets are at most half the gap. Such a move narrows the gap and never
 * turns it around, so the same measurements never ask for the way back; the hold after each move
 * and the budget per interval do the rest.
 */
public final class EvenLoad implements DelegationPolicy {

    public static final String NAME = "even-load";

    private final int bandPercent;
    private final long smallestGap;

    public EvenLoad(LoadSettings settings) {
        this.bandPercent = settings.evenBandPercent();
        this.smallestGap = Math.max(1, settings.returnBelow());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptionalInt choose(Inet4Address home, List<ShaLoad> available) {
        return LeastLoaded.of(available).map(s -> OptionalInt.of(s.nodeId())).orElse(OptionalInt.empty());
    }

    @Override
    public List<Move> rebalance(LoadPicture picture) {
        Map<Integer, ShaLoad> shas = new LinkedHashMap<>();
        picture.shas().forEach(s -> shas.put(s.nodeId(), s));
        Set<Inet4Address> moved = new HashSet<>();
        List<Move> moves = new ArrayList<>();
        while (shas.size() > 1) { // ends: each mobile moves once at most
            ShaLoad busiest = shas.values().stream().max(LeastLoaded.ORDER).orElseThrow();
            Optional<ShaLoad> idlest = LeastLoaded.of(shas.values());
            if (idlest.isEmpty() || idlest.get().nodeId() == busiest.nodeId()) {
                break;
            }
            long gap = busiest.packets() - idlest.get().packets();
            long mean = shas.values().stream().mapToLong(ShaLoad::packets).sum() / shas.size();
            if (gap <= Math.max(smallestGap, mean * bandPercent / 100)) {
                break;
            }
            Optional<MobileLoad> candidate = picture.mobiles().stream()
                    .filter(m -> m.sha().equals(OptionalInt.of(busiest.nodeId())) && !moved.contains(m.home()))
                    .filter(m -> m.packets() > 0 && m.packets() <= gap / 2)
                    .max(Comparator.comparingLong(MobileLoad::packets));
            if (candidate.isEmpty()) {
                break; // its load is in mobiles too big to move without turning the gap around
            }
            MobileLoad mobile = candidate.get();
            moved.add(mobile.home());
            shas.put(busiest.nodeId(), busiest.plus(-1, -mobile.packets()));
            shas.put(idlest.get().nodeId(), idlest.get().plus(1, mobile.packets()));
            moves.add(Move.toSha(mobile.home(), idlest.get().nodeId()));
        }
        return moves;
    }
}
