package net.homeagent.snmp.mib;

import java.net.Inet4Address;
import java.time.Clock;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.snmp4j.agent.mo.MOTableModel;
import org.snmp4j.smi.OID;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * haMobilityBindingTable (RFC 2006, MIP-MIB 1.3.6.1.2.1.44.1.6.3.1) over the live binding store:
 * rows are found in the {@link BindingWalkIndex}'s sorted keys and read from the store when the
 * manager asks for them, so a walk sees each binding's current lifetime and a row that left the
 * table meanwhile is skipped, not served stale. Indexed by haMobilityBindingMN, haMobilityBindingCOA.
 */
final class BindingTableModel implements MOTableModel<BindingRow> {

    /** Sub-identifiers of one index: two IpAddress values of four octets (RFC 2578 §7.7). */
    static final int INDEX_LENGTH = 8;

    private final BindingStore store;
    private final BindingWalkIndex index;
    private final Clock clock;

    BindingTableModel(BindingStore store, BindingWalkIndex index, Clock clock) {
        this.store = store;
        this.index = index;
        this.clock = clock;
    }

    @Override
    public int getColumnCount() {
        return BindingRow.COLUMNS;
    }

    @Override
    public int getRowCount() {
        return store.size();
    }

    @Override
    public boolean isEmpty() {
        return store.size() == 0;
    }

    @Override
    public boolean containsRow(OID index) {
        return getRow(index) != null;
    }

    @Override
    public BindingRow getRow(OID rowIndex) {
        if (rowIndex == null || rowIndex.size() != INDEX_LENGTH) {
            return null;
        }
        long packed = 0;
        for (int i = 0; i < INDEX_LENGTH; i++) {
            long octet = rowIndex.getUnsigned(i);
            if (octet > 255) {
                return null;
            }
            packed = packed << 8 | octet;
        }
        return live(BindingWalkIndex.pack((int) (packed >>> 32), (int) packed)).orElse(null);
    }

    @Override
    public Iterator<BindingRow> iterator() {
        return tailIterator(null);
    }

    /** The rows whose index is {@code >= lowerBound} (all rows for null), in index order. */
    @Override
    public Iterator<BindingRow> tailIterator(OID lowerBound) {
        BindingWalkIndex.Keys keys = index.keys();
        int from;
        if (lowerBound == null) {
            from = 0;
        } else {
            Optional<Long> start = firstKeyAtOrAfter(lowerBound);
            from = start.map(k -> keys.ceiling(k ^ Long.MIN_VALUE)).orElse(keys.size());
        }
        return new LiveRows(keys, from);
    }

    @Override
    public OID firstIndex() {
        BindingRow first = firstRow();
        return first == null ? null : first.getIndex();
    }

    @Override
    public BindingRow firstRow() {
        Iterator<BindingRow> rows = iterator();
        return rows.hasNext() ? rows.next() : null;
    }

    @Override
    public OID lastIndex() {
        BindingRow last = lastRow();
        return last == null ? null : last.getIndex();
    }

    @Override
    public BindingRow lastRow() {
        BindingWalkIndex.Keys keys = index.keys();
        for (int i = keys.size() - 1; i >= 0; i--) {
            Optional<BindingRow> row = live(keys.at(i));
            if (row.isPresent()) {
                return row.get();
            }
        }
        return null;
    }

    /**
     * The smallest (unsigned, unflipped) packed index that is {@code >=} the OID {@code lowerBound} in
     * OID order; empty if no index can be. Missing trailing sub-identifiers count as 0; a
     * sub-identifier above 255 (no IpAddress octet is) moves past every index with that prefix; an
     * OID longer than an index lies after the index it starts with.
     */
    static Optional<Long> firstKeyAtOrAfter(OID lowerBound) {
        long value = 0;
        int n = lowerBound.size();
        for (int i = 0; i < INDEX_LENGTH; i++) {
            long octet = i < n ? lowerBound.getUnsigned(i) : 0;
            if (octet > 255) {
                int remaining = INDEX_LENGTH - i;
                long allMax = (value << (8 * remaining)) | ((1L << (8 * remaining)) - 1);
                return i == 0 || allMax == -1L ? Optional.empty() : Optional.of(allMax + 1);
            }
            value = value << 8 | octet;
        }
        if (n > INDEX_LENGTH) {
            return value == -1L ? Optional.empty() : Optional.of(value + 1);
        }
        return Optional.of(value);
    }

    /** The row of a packed (flipped) key as the store has it now, if the binding is still there. */
    private Optional<BindingRow> live(long packed) {
        Inet4Address home = Ipv4.of(BindingWalkIndex.home(packed));
        int careOf = BindingWalkIndex.careOf(packed);
        for (Binding b : store.find(home)) {
            if (Ipv4.toInt(b.careOfAddress()) == careOf) {
                return Optional.of(new BindingRow(b, clock.instant()));
            }
        }
        return Optional.empty();
    }

    /** Steps through the sorted keys from a position, reading each row live and skipping gone ones. */
    private final class LiveRows implements Iterator<BindingRow> {
        private final BindingWalkIndex.Keys keys;
        private int position;
        private BindingRow next;

        LiveRows(BindingWalkIndex.Keys keys, int position) {
            this.keys = keys;
            this.position = position;
        }

        @Override
        public boolean hasNext() {
            while (next == null && position < keys.size()) {
                next = live(keys.at(position++)).orElse(null);
            }
            return next != null;
        }

        @Override
        public BindingRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BindingRow row = next;
            next = null;
            return row;
        }
    }
}
