package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Packet threshold (issue 13, "Policies"): mobiles stay at the PHA until one forwards more than
 * {@code moveAbove} packets in an interval; it then moves to the least loaded SHA. A delegated
 * mobile that forwards fewer than {@code returnBelow} comes back to the PHA. Between the two values
 * a mobile stays where it is: that band, the hold after each move and the PHA's budget of moves per
 * interval keep a mobile whose traffic hovers near one value from going back and forth.
 */
public final class PacketThreshold implements DelegationPolicy {

    public static final String NAME = "packet-threshold";

    private final long moveAbove;
    private final long returnBelow;

    public PacketThreshold(LoadSettings settings) {
        this.moveAbove = settings.moveAbove();
        this.returnBelow = settings.returnBelow();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A new mobile is light until measured: the PHA keeps it. */
    @Override
    public OptionalInt choose(Inet4Address home, List<ShaLoad> available) {
        return OptionalInt.empty();
    }

    /**
     * The busiest heavy mobiles first, each to the SHA least loaded counting the moves before it;
     * then the idle ones back.
     */
    @Override
    public List<Move> rebalance(LoadPicture picture) {
        Map<Integer, ShaLoad> shas = new LinkedHashMap<>();
        picture.shas().forEach(s -> shas.put(s.nodeId(), s));
        List<Move> moves = new ArrayList<>();
        List<MobileLoad> heavy = picture.mobiles().stream().filter(m -> m.atPha() && m.packets() > moveAbove)
                .sorted(Comparator.comparingLong(MobileLoad::packets).reversed()).toList();
        for (MobileLoad mobile : heavy) {
            LeastLoaded.of(shas.values()).ifPresent(to -> {
                shas.put(to.nodeId(), to.plus(1, mobile.packets()));
                moves.add(Move.toSha(mobile.home(), to.nodeId()));
            });
        }
        picture.mobiles().stream().filter(m -> !m.atPha() && m.packets() < returnBelow)
                .sorted(Comparator.comparingLong(MobileLoad::packets))
                .forEach(m -> moves.add(Move.toPha(m.home())));
        return moves;
    }
}
