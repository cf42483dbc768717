package net.homeagent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The open-addressing home index against a HashMap, through growth, shrinking and collisions. */
class HomeIndexTest {

    @Test
    void growsAndKeepsEveryEntry() {
        HomeIndex index = new HomeIndex();
        for (int i = 0; i < 100_000; i++) {
            index.put(0x0a80_0000 + i, i);
        }
        assertThat(index.size()).isEqualTo(100_000);
        assertThat(index.capacity()).isGreaterThan(100_000 * 10 / 7).isLessThanOrEqualTo(1 << 18);
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.get(0x0a80_0000 + i)).isEqualTo(i);
        }
        assertThat(index.get(0x0b00_0000)).isEqualTo(HomeIndex.NONE);
    }

    @Test
    void aKeyOfZeroAndNegativeKeysAreOrdinaryKeys() {
        HomeIndex index = new HomeIndex();
        index.put(0, 7);
        index.put(-1, 8); // 255.255.255.255
        index.put(Integer.MIN_VALUE, 9); // 128.0.0.0
        assertThat(index.get(0)).isEqualTo(7);
        assertThat(index.get(-1)).isEqualTo(8);
        assertThat(index.get(Integer.MIN_VALUE)).isEqualTo(9);
        assertThat(index.remove(0)).isEqualTo(7);
        assertThat(index.get(0)).isEqualTo(HomeIndex.NONE);
        assertThat(index.get(-1)).isEqualTo(8);
    }

    @Test
    void aNegativeRowIsRefused() {
        assertThatThrownBy(() -> new HomeIndex().put(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Removal shifts later entries of a probe run back instead of leaving tombstones: with every key
     * of a small table colliding in runs, each removal must keep every other key findable.
     */
    @Test
    void removalInsideProbeRunsKeepsEveryOtherKeyFindable() {
        HomeIndex index = new HomeIndex();
        Map<Integer, Integer> model = new HashMap<>();
        Random random = new Random(5944);
        for (int op = 0; op < 200_000; op++) {
            int key = random.nextInt(64) - 32; // few keys: long runs, wrap-around at the table's end
            if (random.nextInt(3) == 0) {
                assertThat(index.remove(key)).isEqualTo(model.getOrDefault(key, HomeIndex.NONE));
                model.remove(key);
            } else {
                int row = random.nextInt(1000);
                index.put(key, row);
                model.put(key, row);
            }
            if (op % 97 == 0) {
                for (int k = -32; k < 32; k++) {
                    assertThat(index.get(k)).as("key %d after op %d", k, op).isEqualTo(model.getOrDefault(k, HomeIndex.NONE));
                }
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
    }

    @Test
    void shrinksAfterAMassRemovalAndStaysCorrect() {
        HomeIndex index = new HomeIndex();
        for (int i = 0; i < 10_000; i++) {
            index.put(i, i);
        }
        int grown = index.capacity();
        for (int i = 0; i < 9_990; i++) {
            assertThat(index.remove(i)).isEqualTo(i);
        }
        assertThat(index.capacity()).isLessThan(grown / 16);
        for (int i = 9_990; i < 10_000; i++) {
            assertThat(index.get(i)).isEqualTo(i);
        }
        assertThat(index.remove(5)).isEqualTo(HomeIndex.NONE);
    }
}
