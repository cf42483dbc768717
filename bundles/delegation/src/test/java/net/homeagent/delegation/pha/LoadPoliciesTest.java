package net.homeagent.delegation.pha;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.delegation.pha.DelegationPolicy.LoadPicture;
import net.homeagent.delegation.pha.DelegationPolicy.MobileLoad;
import net.homeagent.delegation.pha.DelegationPolicy.Move;
import net.homeagent.delegation.pha.DelegationPolicy.ShaLoad;
import net.homeagent.mip.codec.wire.Ipv4;

/** The packet-threshold and even-load policies on pictures of fake counters. */
class LoadPoliciesTest {

    static final LoadSettings LOAD = new LoadSettings(Duration.ofSeconds(1), 1000, 200, 10, 3, 20);
    final PacketThreshold threshold = new PacketThreshold(LOAD);
    final EvenLoad even = new EvenLoad(LOAD);

    static Inet4Address home(int i) {
        return Ipv4.parse("10.1.1." + i).orElseThrow();
    }

    static MobileLoad atPha(int i, long packets) {
        return new MobileLoad(home(i), OptionalInt.empty(), packets);
    }

    static MobileLoad atSha(int i, int sha, long packets) {
        return new MobileLoad(home(i), OptionalInt.of(sha), packets);
    }

    @Test
    void thresholdKeepsNewMobilesAtThePha() {
        assertThat(threshold.choose(home(1), List.of(new ShaLoad(2, 0, 0, 0)))).isEmpty();
    }

    @Test
    void thresholdMovesHeavyMobilesToTheLeastLoadedShaCountingEachMove() {
        List<ShaLoad> shas = List.of(new ShaLoad(2, 5, 0, 3000), new ShaLoad(3, 9, 0, 500), new ShaLoad(4, 0, 1, 0));
        List<Move> moves = threshold.rebalance(new LoadPicture(shas,
                List.of(atPha(1, 1001), atPha(2, 1000), atPha(3, 4000), atPha(4, 2000))));
        // 4000 to SHA 4 (idle; then full), 2000 to SHA 3 (500 -> 2500), 1001 to SHA 2 (3000 < 2500? no: 3)
        assertThat(moves).containsExactly(Move.toSha(home(3), 4), Move.toSha(home(4), 3), Move.toSha(home(1), 3));
    }

    @Test
    void thresholdReturnsIdleMobilesAndLeavesTheBandBetweenAlone() {
        List<ShaLoad> shas = List.of(new ShaLoad(2, 3, 0, 1500));
        List<Move> moves = threshold.rebalance(new LoadPicture(shas,
                List.of(atSha(1, 2, 199), atSha(2, 2, 200), atSha(3, 2, 1100), atPha(4, 999), atPha(5, 200))));
        assertThat(moves).containsExactly(Move.toPha(home(1)));
    }

    @Test
    void thresholdAsksForTheHeaviestFirstAndNothingWithoutAnShaWithRoom() {
        List<MobileLoad> mobiles = List.of(atSha(1, 2, 0), atPha(2, 5000), atPha(3, 9000));
        assertThat(threshold.rebalance(new LoadPicture(List.of(new ShaLoad(2, 1, 0, 0)), mobiles)))
                .containsExactly(Move.toSha(home(3), 2), Move.toSha(home(2), 2), Move.toPha(home(1)));
        assertThat(threshold.rebalance(new LoadPicture(List.of(new ShaLoad(2, 1, 1, 0)), mobiles)))
                .containsExactly(Move.toPha(home(1)));
        assertThat(threshold.rebalance(new LoadPicture(List.of(), List.of(atPha(2, 5000))))).isEmpty();
    }

    @Test
    void evenLoadGivesANewMobileToTheShaWithTheFewestPackets() {
        assertThat(even.choose(home(1), List.of(new ShaLoad(2, 1, 0, 900), new ShaLoad(3, 7, 0, 100))))
                .isEqualTo(OptionalInt.of(3));
        assertThat(even.choose(home(1), List.of(new ShaLoad(2, 1, 0, 100), new ShaLoad(3, 0, 0, 100))))
                .isEqualTo(OptionalInt.of(3));
        assertThat(even.choose(home(1), List.of(new ShaLoad(2, 1, 1, 0)))).isEmpty();
    }

    @Test
    void evenLoadMovesFromTheBusiestToTheIdlestWithoutTurningTheGapAround() {
        List<ShaLoad> shas = List.of(new ShaLoad(2, 3, 0, 6000), new ShaLoad(3, 1, 0, 1000));
        List<MobileLoad> mobiles = List.of(atSha(1, 2, 3500), atSha(2, 2, 2000), atSha(3, 2, 500), atSha(4, 3, 1000));
        // gap 5000: 3500 > 2500 would turn it around, 2000 moves (4000 / 3000); gap 1000, above 20 % of the
        // mean 3500: 500 moves (3500 / 3500)
        assertThat(even.rebalance(new LoadPicture(shas, mobiles)))
                .containsExactly(Move.toSha(home(2), 3), Move.toSha(home(3), 3));
    }

    @Test
    void evenLoadAsksNothingBackOnceItsMovesAreMade() {
        List<ShaLoad> shas = new ArrayList<>(List.of(new ShaLoad(2, 4, 0, 8000), new ShaLoad(3, 0, 0, 0)));
        List<MobileLoad> mobiles = new ArrayList<>(
                List.of(atSha(1, 2, 3000), atSha(2, 2, 2000), atSha(3, 2, 2000), atSha(4, 2, 1000)));
        List<Move> moves = even.rebalance(new LoadPicture(shas, mobiles));
        assertThat(moves).isNotEmpty();
        for (Move move : moves) {
            MobileLoad m = mobiles.stream().filter(x -> x.home().equals(move.home())).findFirst().orElseThrow();
            mobiles.set(mobiles.indexOf(m), new MobileLoad(m.home(), move.toSha(), m.packets()));
            shas.set(0, shas.get(0).plus(-1, -m.packets()));
            shas.set(1, shas.get(1).plus(1, m.packets()));
        }
        assertThat(shas.get(0).packets() - shas.get(1).packets()).isBetween(0L, 1600L);
        assertThat(even.rebalance(new LoadPicture(shas, mobiles))).isEmpty();
    }

    @Test
    void evenLoadLeavesShasWithinTheBandOrAGapBelowAnIdleMobileAlone() {
        List<MobileLoad> mobiles = List.of(atSha(1, 2, 100), atSha(2, 2, 50));
        assertThat(even.rebalance(new LoadPicture(List.of(new ShaLoad(2, 2, 0, 5400), new ShaLoad(3, 0, 0, 4600)),
                mobiles))).isEmpty();
        assertThat(even.rebalance(new LoadPicture(List.of(new ShaLoad(2, 2, 0, 150), new ShaLoad(3, 0, 0, 0)),
                mobiles))).isEmpty();
        assertThat(even.rebalance(new LoadPicture(List.of(new ShaLoad(2, 2, 0, 5000)), mobiles))).isEmpty();
    }
}
