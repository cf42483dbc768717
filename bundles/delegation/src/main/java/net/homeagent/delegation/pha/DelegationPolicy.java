package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where the mobiles are forwarded (one policy active, switched at run time with
 * {@code delegation:policy}): it picks the SHA of a mobile that has none, and, every load interval,
 * may ask for mobiles to be moved. Called under the PHA's lock, in memory: it must return at once.
 * The PHA, not the policy, enforces the moves' budget and each moved mobile's hold.
 */
public interface DelegationPolicy {

    /** The name the configuration and the shell use. */
    String name();

    /**
     * @param available the SHAs that are up, with what they forward now
     * @return the node id of the SHA that should forward {@code home}, or empty to keep it at the PHA
     */
    OptionalInt choose(Inet4Address home, List<ShaLoad> available);

    /**
     * Every load interval, with the packet rates just measured.
     *
     * @return the moves wanted now, the most needed first; the PHA makes the first
     *         {@code maxMovesPerInterval} of them (a move still wanted is asked for again next interval)
     */
    default List<Move> rebalance(LoadPicture picture) {
        return List.of();
    }

    /**
     * An SHA that is up: its node id, the mobiles delegated to it (acked or on their way), its
     * capacity (0: none), and the packets it forwarded in the last interval (0 until it reported).
     */
    record ShaLoad(int nodeId, int mobiles, long capacity, long packets) {

        public boolean hasRoom() {
            return capacity == 0 || mobiles < capacity;
        }

        /** The same SHA with {@code home}'s load added (or, negative, taken away). */
        ShaLoad plus(int moreMobiles, long morePackets) {
            return new ShaLoad(nodeId, mobiles + moreMobiles, capacity, Math.max(0, packets + morePackets));
        }
    }

    /**
     * A mobile a policy may move now (not held after a move, not pinned by an operator, not waiting for
     * an ack, one binding) and whose rate is known: where it is forwarded (empty: the PHA) and its
     * packets in the last interval.
     */
    record MobileLoad(Inet4Address home, OptionalInt sha, long packets) {

        public boolean atPha() {
            return sha.isEmpty();
        }
    }

    /** What a policy sees every interval: the SHAs that are up and the movable mobiles. */
    record LoadPicture(List<ShaLoad> shas, List<MobileLoad> mobiles) {
        public LoadPicture {
            shas = List.copyOf(shas);
            mobiles = List.copyOf(mobiles);
        }
    }

    /** Move {@code home} to the SHA {@code toSha}, or (empty) back to the PHA. */
    record Move(Inet4Address home, OptionalInt toSha) {

        static Move toPha(Inet4Address home) {
            return new Move(home, OptionalInt.empty());
        }

        static Move toSha(Inet4Address home, int sha) {
            return new Move(home, OptionalInt.of(sha));
        }
    }
}
