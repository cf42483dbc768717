package net.homeagent.store;

import java.util.Arrays;
import java.util.Objects;

/** A growable array of primitive longs: a timer wheel slot costs 8 bytes per key, not an object. */
final class LongBag {

    private long[] values = new long[4];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size + (size >> 1) + 1);
        }
        values[size++] = value;
    }

    void addAll(LongBag other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    long get(int index) {
        return values[Objects.checkIndex(index, size)];
    }

    int size() {
        return size;
    }
}
