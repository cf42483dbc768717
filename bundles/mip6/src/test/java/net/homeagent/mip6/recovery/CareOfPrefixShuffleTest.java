package net.homeagent.mip6.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import net.homeagent.mip6.Addresses;

class CareOfPrefixShuffleTest {

    /** Entries with the given group sizes: entry i's prefix is its group's number. */
    private static long[] groups(int... sizes) {
        long[] prefixes = new long[Arrays.stream(sizes).sum()];
        int i = 0;
        for (int g = 0; g < sizes.length; g++) {
            for (int k = 0; k < sizes[g]; k++) {
                prefixes[i++] = 1000 + g;
            }
        }
        return prefixes;
    }

    private static int adjacencies(long[] prefixes, int[] order) {
        int same = 0;
        for (int i = 1; i < order.length; i++) {
            if (prefixes[order[i]] == prefixes[order[i - 1]]) {
                same++;
            }
        }
        return same;
    }

    /** The least any order can have: max(0, c1 - (n - c1) - 1). */
    private static int least(int... sizes) {
        int n = Arrays.stream(sizes).sum();
        int largest = Arrays.stream(sizes).max().orElse(0);
        return Math.max(0, largest - (n - largest) - 1);
    }

    private static void assertPermutation(int[] order, int n) {
        assertThat(order).hasSize(n);
        boolean[] seen = new boolean[n];
        for (int entry : order) {
            assertThat(seen[entry]).as("entry %d twice", entry).isFalse();
            seen[entry] = true;
        }
    }

    @Test
    void everyEntryOnceAndNeighboursOfOnePrefixOnlyWhereUnavoidable() {
        SplittableRandom sizesRandom = new SplittableRandom(7);
        for (int run = 0; run < 300; run++) {
            int groupCount = 1 + sizesRandom.nextInt(12);
            int[] sizes = new int[groupCount];
            for (int g = 0; g < groupCount; g++) {
                // now and then one prefix holds most of them, so the dominant case is covered too
                sizes[g] = 1 + sizesRandom.nextInt(run % 5 == 0 && g == 0 ? 200 : 30);
            }
            long[] prefixes = groups(sizes);
            int[] order = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(run)).order();
            assertPermutation(order, prefixes.length);
            assertThat(adjacencies(prefixes, order)).as("run %d, sizes %s", run, Arrays.toString(sizes))
                    .isEqualTo(least(sizes));
        }
    }

    @Test
    void aDominantPrefixIsInterleavedWithEveryOtherEntryThenTrails() {
        long[] prefixes = groups(10, 2, 1);
        int[] order = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(3)).order();
        StringBuilder pattern = new StringBuilder();
        for (int entry : order) {
            pattern.append(prefixes[entry] == 1000 ? 'D' : 'o');
        }
        assertThat(pattern.toString()).isEqualTo("DoDoDoDDDDDDD");
        assertThat(adjacencies(prefixes, order)).isEqualTo(6).isEqualTo(least(10, 2, 1));
    }

    @Test
    void exactlyHalfPlusOneStillAlternatesWithoutNeighbours() {
        long[] prefixes = groups(5, 2, 2);
        int[] order = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(11)).order();
        assertThat(adjacencies(prefixes, order)).isZero();
        assertThat(prefixes[order[0]]).isEqualTo(1000);
        assertThat(prefixes[order[8]]).isEqualTo(1000);
    }

    @Test
    void theSameSeedGivesTheSameOrderAnotherSeedAnother() {
        long[] prefixes = groups(40, 30, 20, 10);
        int[] first = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(42)).order();
        int[] again = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(42)).order();
        int[] other = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(43)).order();
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void withinAPrefixTheOrderIsShuffled() {
        long[] prefixes = groups(200, 200);
        int[] order = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(5)).order();
        int[] firstGroup = Arrays.stream(order).filter(entry -> entry < 200).toArray();
        int rising = 0;
        for (int i = 1; i < firstGroup.length; i++) {
            if (firstGroup[i] > firstGroup[i - 1]) {
                rising++;
            }
        }
        // in input order all 199 steps rise; a uniform shuffle rises about half the time
        assertThat(rising).isBetween(70, 130);
    }

    @Test
    void aPrefixHoldingHalfTakesEveryOtherPlace() {
        // 1,000 entries in one access network, 1,000 spread over 100 small ones
        int[] sizes = new int[101];
        Arrays.fill(sizes, 10);
        sizes[0] = 1000;
        long[] prefixes = groups(sizes);
        for (long seed = 0; seed < 5; seed++) {
            int[] order = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(seed)).order();
            for (int quarter = 0; quarter < 4; quarter++) {
                long large = Arrays.stream(order, quarter * 500, (quarter + 1) * 500)
                        .filter(entry -> prefixes[entry] == 1000).count();
                assertThat(large).as("seed %d, quarter %d", seed, quarter).isBetween(249L, 251L);
            }
        }
    }

    @Test
    void aLargePrefixIsSpreadOverTheWholeRunNotBunched() {
        // a third of the entries in one access network, the rest in 200 small ones
        int[] sizes = new int[201];
        Arrays.fill(sizes, 10);
        sizes[0] = 1000;
        long[] prefixes = groups(sizes);
        for (long seed = 0; seed < 5; seed++) {
            int[] order = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(seed)).order();
            for (int quarter = 0; quarter < 4; quarter++) {
                long large = Arrays.stream(order, quarter * 750, (quarter + 1) * 750)
                        .filter(entry -> prefixes[entry] == 1000).count();
                // about p / (1 + p) = 1/4 of the places at first, rising as its share of what is left rises
                assertThat(large).as("seed %d, quarter %d", seed, quarter).isBetween(150L, 375L);
            }
        }
    }

    @Test
    void groupsAreNumberedWithTheirPrefixes() {
        long[] prefixes = {CareOfPrefix.of(Addresses.inPrefix(0xa1, 1), 64), CareOfPrefix.of(Addresses.inPrefix(0xa2, 1), 64),
            CareOfPrefix.of(Addresses.inPrefix(0xa1, 2), 64)};
        CareOfPrefixShuffle.ShuffledOrder shuffled = CareOfPrefixShuffle.shuffle(prefixes, new SplittableRandom(1));
        assertThat(shuffled.groupOf()).containsExactly(0, 1, 0);
        assertThat(CareOfPrefix.format(shuffled.groupPrefix()[0], 64)).isEqualTo("2001:db8:a1:0::/64");
        assertThat(CareOfPrefix.format(shuffled.groupPrefix()[1], 64)).isEqualTo("2001:db8:a2:0::/64");
    }

    @Test
    void prefixLengthGroupsNetworksTogether() {
        assertThat(CareOfPrefix.of(Addresses.v6("2001:db8:a1:1::1"), 48))
                .isEqualTo(CareOfPrefix.of(Addresses.v6("2001:db8:a1:2::1"), 48));
        assertThat(CareOfPrefix.of(Addresses.v6("2001:db8:a1:1::1"), 64))
                .isNotEqualTo(CareOfPrefix.of(Addresses.v6("2001:db8:a1:2::1"), 64));
        assertThat(CareOfPrefix.of(Addresses.v6("2001:db8:a1:1::1"), 64))
                .isEqualTo(CareOfPrefix.of(Addresses.v6("2001:db8:a1:1::ffff"), 64));
    }

    @Test
    void prefixCountsDrawsSkippingTheExcludedGroup() {
        PrefixCounts counts = new PrefixCounts(new int[] {2, 3, 0, 4});
        assertThat(counts.total()).isEqualTo(9);
        assertThat(counts.dominant()).isEqualTo(-1);
        // excluding group 1 lays out 0,0,3,3,3,3
        assertThat(counts.pick(0, 1)).isZero();
        assertThat(counts.pick(1, 1)).isZero();
        assertThat(counts.pick(2, 1)).isEqualTo(3);
        assertThat(counts.pick(5, 1)).isEqualTo(3);
        counts.takeOne(0);
        counts.takeOne(0);
        counts.takeOne(1);
        assertThat(counts.dominant()).as("4 of 6 left").isEqualTo(3);
    }
}
