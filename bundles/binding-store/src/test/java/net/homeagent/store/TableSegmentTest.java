package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * One segment against a model: simultaneous bindings (several care-of addresses per home address,
 * RFC 5944 §3.6.1.2) chained in care-of order, removals that move the last row into the hole,
 * growth and shrinking of the arrays, NAIs in the side column.
 */
class TableSegmentTest {

    private final AddressCache addresses = new AddressCache();

    @Test
    void randomChangesKeepEveryChainInCareOfOrderAndEveryRowFindable() {
        TableSegment segment = new TableSegment();
        Map<Integer, TreeMap<Long, Binding>> model = new HashMap<>();
        Random random = new Random(3344);
        for (int op = 0; op < 50_000; op++) {
            int home = 0x0a00_0000 + random.nextInt(40);
            int careOf = random.nextInt(6) == 0 ? 0xc800_0001 : 0x0c00_0000 + random.nextInt(5); // unsigned order
            long stamp = segment.beginWrite();
            try {
                int choice = random.nextInt(10);
                if (choice < 6) {
                    Binding b = binding(Ipv4.of(home), Ipv4.of(careOf)).identification(op)
                            .nai(random.nextInt(4) == 0 ? "n" + op + "@example.net" : null).build();
                    segment.put(home, careOf, b);
                    model.computeIfAbsent(home, h -> new TreeMap<>()).put(careOf & 0xffff_ffffL, b);
                } else if (choice < 9) {
                    int row = segment.rowOf(home, careOf);
                    TreeMap<Long, Binding> held = model.get(home);
                    assertThat(row >= 0).isEqualTo(held != null && held.containsKey(careOf & 0xffff_ffffL));
                    if (row >= 0) {
                        segment.remove(row);
                        held.remove(careOf & 0xffff_ffffL);
                    }
                } else {
                    segment.removeAll(home);
                    model.remove(home);
                }
            } finally {
                segment.endWrite(stamp);
            }
            if (op % 101 == 0) {
                assertMatches(segment, model);
            }
        }
        assertMatches(segment, model);
    }

    @Test
    void aMassRemovalGivesTheArraysBack() {
        TableSegment segment = new TableSegment();
        long stamp = segment.beginWrite();
        for (int i = 0; i < 5_000; i++) {
            segment.put(i, 1, binding(Ipv4.of(i), Ipv4.of(1)).build());
        }
        int grown = segment.rows().length;
        for (int i = 0; i < 4_990; i++) {
            segment.removeAll(i);
        }
        segment.endWrite(stamp);
        assertThat(segment.rows().length).isLessThan(grown / 16);
        assertThat(segment.count()).isEqualTo(10);
        assertThat(segment.copyAll().count()).isEqualTo(10);
    }

    private void assertMatches(TableSegment segment, Map<Integer, TreeMap<Long, Binding>> model) {
        int total = 0;
        for (Map.Entry<Integer, TreeMap<Long, Binding>> node : model.entrySet()) {
            Inet4Address home = Ipv4.of(node.getKey());
            TableSegment.Copy copy = segment.copyOf(node.getKey());
            List<Binding> found = new ArrayList<>();
            for (int i = 0; i < copy.count(); i++) {
                found.add(BindingRow.toBinding(copy.rows(), i * BindingRow.STRIDE, copy.extra(i), home, addresses));
            }
            assertThat(found).isEqualTo(new ArrayList<>(node.getValue().values()));
            total += node.getValue().size();
        }
        assertThat(segment.count()).isEqualTo(total);
        TableSegment.Copy all = segment.copyAll();
        List<Binding> every = new ArrayList<>();
        for (int i = 0; i < all.count(); i++) {
            every.add(BindingRow.toBinding(all.rows(), i * BindingRow.STRIDE, all.extra(i), null, addresses));
        }
        every.sort(Comparator.comparingLong(Binding::identification));
        List<Binding> expected = new ArrayList<>();
        model.values().forEach(m -> expected.addAll(m.values()));
        expected.sort(Comparator.comparingLong(Binding::identification));
        assertThat(every).isEqualTo(expected);
        assertThat(java.util.Arrays.stream(segment.homes()).boxed().toList()).containsExactlyInAnyOrderElementsOf(
                model.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList());
    }
}
