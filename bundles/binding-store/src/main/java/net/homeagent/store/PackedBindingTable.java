package net.homeagent.store;

import static net.homeagent.store.BindingRow.STRIDE;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The mobility binding table (RFC 5944 §3.8.3) as packed rows of primitives: {@value #SEGMENTS}
 * {@link TableSegment}s chosen by a hash of the home address, each a dense int array of
 * {@link BindingRow}s with an open-addressing {@link HomeIndex}; the NAI index and the binding
 * count beside them. {@link Binding} objects exist only while a caller reads (they are made from
 * the rows by {@link #binding} and {@link #materialise}).
 * <p>
 * Many segments keep each array small (3 million bindings: ~3,000 rows, ~140 KiB a segment, well
 * under G1's humongous-object size in a 1 GiB heap) and each lock one home address in a thousand.
 */
final class PackedBindingTable {

    static final int SEGMENTS = 1 << 10;

    private final TableSegment[] segments = new TableSegment[SEGMENTS];
    private final NaiIndex naiIndex = new NaiIndex();
    private final LongAdder bindingCount = new LongAdder();
    private final AddressCache addresses = new AddressCache();

    PackedBindingTable() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new TableSegment();
        }
    }

    TableSegment segmentOf(int home) {
        // Fibonacci hashing, top bits: consecutive home addresses land in different segments.
        return segments[(home * 0x9E3779B9) >>> (32 - 10)];
    }

    /** The binding in {@code row} of {@code segment}; its holder of {@code changes} calls this. */
    Binding binding(TableSegment segment, int row, Inet4Address home) {
        return BindingRow.toBinding(segment.rows(), row * STRIDE, segment.extra(row), home, addresses);
    }

    /** The bindings of {@code home}, in care-of order, as of one moment; no lock is taken. */
    List<Binding> find(Inet4Address home) {
        TableSegment.Copy copy = segmentOf(Ipv4.toInt(home)).copyOf(Ipv4.toInt(home));
        if (copy.count() == 0) {
            return List.of();
        }
        Binding[] found = new Binding[copy.count()];
        for (int i = 0; i < found.length; i++) {
            found[i] = BindingRow.toBinding(copy.rows(), i * STRIDE, copy.extra(i), home, addresses);
        }
        return List.of(found);
    }

    /**
     * Hands every binding to {@code visitor}, one segment at a time; each segment is copied at one
     * moment (so each home address is seen before or after a change, never half way), no lock is
     * held while the visitor runs, and only one segment's bindings are made at a time. The building
     * block of a walk over the whole table (listing, an SNMP table walk).
     */
    void forEach(Consumer<Binding> visitor) {
        for (TableSegment segment : segments) {
            TableSegment.Copy copy = segment.copyAll();
            for (int i = 0; i < copy.count(); i++) {
                visitor.accept(BindingRow.toBinding(copy.rows(), i * STRIDE, copy.extra(i), null, addresses));
            }
        }
    }

    /**
     * Hands each home address with all its bindings to {@code visitor}, one segment at a time,
     * each segment copied at one moment (so a home address is seen before or after a change, never
     * half way); the checkpoints of the backup are written this way.
     */
    void forEachHome(BiConsumer<Integer, List<Binding>> visitor) {
        for (TableSegment segment : segments) {
            TableSegment.Copy copy = segment.copyAll();
            Map<Integer, List<Binding>> homes = new LinkedHashMap<>();
            for (int i = 0; i < copy.count(); i++) {
                Binding binding = BindingRow.toBinding(copy.rows(), i * STRIDE, copy.extra(i), null, addresses);
                homes.computeIfAbsent(Ipv4.toInt(binding.homeAddress()), h -> new ArrayList<>(1)).add(binding);
            }
            homes.forEach(visitor);
        }
    }

    /** Home addresses of every segment, each segment's taken at one moment. */
    List<int[]> homesBySegment() {
        List<int[]> homes = new ArrayList<>(SEGMENTS);
        for (TableSegment segment : segments) {
            homes.add(segment.homes());
        }
        return homes;
    }

    /** The distinct NAI index keys of the bindings of {@code home}; the caller holds its segment's {@code changes}. */
    Collection<String> naiKeys(TableSegment segment, int home) {
        List<String> keys = List.of();
        for (int row = segment.first(home); row >= 0; row = segment.next(row)) {
            String nai = BindingRow.naiOf(segment.extra(row));
            if (nai != null) {
                String key = NaiIndex.normalise(nai);
                if (keys.isEmpty()) {
                    keys = new ArrayList<>(2);
                }
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    void naiChanged(int home, Collection<String> before, Collection<String> after) {
        if (!before.isEmpty() || !after.isEmpty()) {
            naiIndex.update(home, before, after);
        }
    }

    int[] homesWithNai(String nai) {
        return naiIndex.homeAddresses(nai);
    }

    void counted(int delta) {
        if (delta != 0) {
            bindingCount.add(delta);
        }
    }

    int size() {
        return bindingCount.intValue();
    }

    int indexedNaiCount() {
        return naiIndex.size();
    }
}
