package net.homeagent.mip6.recovery;

/**
 * How many entries of each care-of prefix group are still to be placed, in a segment tree of
 * sums and maxima, so that the shuffle finds in O(log groups) the group holding more than half
 * of what is left and draws a group with probability proportional to what it holds, one group
 * excluded.
 */
final class PrefixCounts {

    private final int leaves;
    private final int[] sum;
    private final int[] max;

    PrefixCounts(int[] counts) {
        int size = 1;
        while (size < counts.length) {
            size <<= 1;
        }
        this.leaves = size;
        this.sum = new int[2 * size];
        this.max = new int[2 * size];
        System.arraycopy(counts, 0, sum, size, counts.length);
        System.arraycopy(counts, 0, max, size, counts.length);
        for (int node = size - 1; node >= 1; node--) {
            sum[node] = sum[2 * node] + sum[2 * node + 1];
            max[node] = Math.max(max[2 * node], max[2 * node + 1]);
        }
    }

    int count(int group) {
        return sum[leaves + group];
    }

    int total() {
        return sum[1];
    }

    void takeOne(int group) {
        int node = leaves + group;
        if (sum[node] == 0) {
            throw new IllegalStateException("group " + group + " is empty");
        }
        sum[node]--;
        max[node]--;
        for (node >>= 1; node >= 1; node >>= 1) {
            sum[node] = sum[2 * node] + sum[2 * node + 1];
            max[node] = Math.max(max[2 * node], max[2 * node + 1]);
        }
    }

    /** The group holding more than half of what is left (at most one can), or -1. */
    int dominant() {
        if (2L * max[1] <= sum[1]) {
            return -1;
        }
        int node = 1;
        while (node < leaves) {
            node = max[2 * node] == max[node] ? 2 * node : 2 * node + 1;
        }
        return node - leaves;
    }

    /**
     * The group at {@code draw} (0 &lt;= draw &lt; total() - count(excluded)) when the entries left
     * are laid out group after group with {@code excluded}'s left out (-1: none).
     */
    int pick(long draw, int excluded) {
        long position = draw;
        if (excluded >= 0 && position >= before(excluded)) {
            position += count(excluded);
        }
        int node = 1;
        while (node < leaves) {
            if (position < sum[2 * node]) {
                node = 2 * node;
            } else {
                position -= sum[2 * node];
                node = 2 * node + 1;
            }
        }
        return node - leaves;
    }

    /** Entries left in the groups numbered below {@code group}. */
    private long before(int group) {
        long total = 0;
        int node = leaves + group;
        while (node > 1) {
            if ((node & 1) == 1) {
                total += sum[node - 1];
            }
            node >>= 1;
        }
        return total;
    }
}
