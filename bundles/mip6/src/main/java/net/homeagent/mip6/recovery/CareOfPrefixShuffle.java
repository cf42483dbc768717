package net.homeagent.mip6.recovery;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The order in which binding recovery asks the mobile nodes to re-register: the work table
 * shuffled at random, keyed by care-of prefix (the binding cache recovery design: "shuffles it at
 * random keyed by care-of prefix, so consecutive Binding Refresh Requests do not go to one access
 * network").
 *
 * <p>What the order guarantees, for entries whose care-of prefixes form groups of sizes
 * c1 &gt;= c2 &gt;= ... (n entries):
 * <ol>
 * <li>it is a permutation: every entry exactly once;</li>
 * <li>two consecutive entries share a care-of prefix exactly max(0, c1 - (n - c1) - 1) times, the
 *     least any order of these entries can have: none at all unless one prefix holds more than
 *     half of the entries (plus one), and then only in a tail of that prefix's own entries after
 *     every other prefix is used up;</li>
 * <li>within a prefix the order is uniformly random (Fisher-Yates), and among the prefixes that may
 *     come next (not the previous one; only the one holding more than half of what is left when
 *     there is such a prefix, as (2) requires), the next is drawn with probability proportional to
 *     the entries it has left. A prefix holding a share p of what is left so gets about p / (1 + p)
 *     of the next places (never two in a row), its share of what is left grows, and with it its
 *     chance: a large access network's requests are spread over the whole run, a prefix holding
 *     half of the entries takes every other place, none is bunched at one end;</li>
 * <li>the same seed gives the same order (the seed is logged, so a run can be replayed).</li>
 * </ol>
 * Why (2) holds: with R entries left and L the prefix just used, an order with no two neighbours
 * of one prefix exists iff every prefix but L holds at most (R + 1) / 2 and L at most R / 2.
 * Drawing any prefix other than L keeps that true unless one prefix holds exactly (R + 1) / 2 of
 * them, and that one is then taken. When it is false from the start, the dominant prefix is taken
 * whenever it is not the last one, which interleaves every other entry with it.
 * Cost: O(n + n log g) for g prefixes; a million entries in about half a second (measured by
 * {@code WorkTableMeasurement} in the tests, docs/mip6.md).
 */
final class CareOfPrefixShuffle {

    private CareOfPrefixShuffle() {
    }

    /**
     * @param prefixes the care-of prefix of each entry ({@link CareOfPrefix#of})
     * @return the order, and the group number of each entry
     */
    static ShuffledOrder shuffle(long[] prefixes, RandomGenerator random) {
        int n = prefixes.length;
        int[] groupOf = new int[n];
        Map<Long, Integer> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer group = groups.putIfAbsent(prefixes[i], groups.size());
            groupOf[i] = group == null ? groups.size() - 1 : group;
        }
        int groupCount = groups.size();
        // counting sort of the entries by group: group g's entries are members[start[g] .. start[g + 1])
        int[] start = new int[groupCount + 1];
        for (int i = 0; i < n; i++) {
            start[groupOf[i] + 1]++;
        }
        int[] sizes = new int[groupCount];
        for (int g = 0; g < groupCount; g++) {
            sizes[g] = start[g + 1];
            start[g + 1] += start[g];
        }
        int[] members = new int[n];
        int[] next = start.clone();
        for (int i = 0; i < n; i++) {
            members[next[groupOf[i]]++] = i;
        }
        for (int g = 0; g < groupCount; g++) {
            for (int j = start[g + 1] - 1; j > start[g]; j--) {
                int k = start[g] + random.nextInt(j - start[g] + 1);
                int swap = members[j];
                members[j] = members[k];
                members[k] = swap;
            }
        }
        System.arraycopy(start, 0, next, 0, groupCount);
        PrefixCounts left = new PrefixCounts(sizes);
        int[] order = new int[n];
        int last = -1;
        for (int position = 0; position < n; position++) {
            int group = left.dominant();
            if (group < 0 || group == last) {
                long choices = left.total() - (last < 0 ? 0 : left.count(last));
                group = choices == 0 ? last : left.pick(random.nextLong(choices), last);
            }
            order[position] = members[next[group]++];
            left.takeOne(group);
            last = group;
        }
        long[] groupPrefix = new long[groupCount];
        groups.forEach((prefix, group) -> groupPrefix[group] = prefix);
        return new ShuffledOrder(order, groupOf, groupPrefix);
    }

    /**
     * @param order       entry numbers in the order to ask them
     * @param groupOf     each entry's prefix group
     * @param groupPrefix each group's care-of prefix
     */
    record ShuffledOrder(int[] order, int[] groupOf, long[] groupPrefix) {
    }
}
