package net.homeagent.snmp.mib;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.DefaultMOMutableTableModel;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.DefaultMOTableRow;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * A read-only table indexed by one unsigned number (its first column, not accessible: the row's
 * columns start at 2), rebuilt from its source at each request: the tables of a handful of rows
 * (group members, SHAs, MIMM networks and alerts) whose state, lag, rate or load must not be a
 * second old; empty while the source has none (no view). A table with a longer index (the MIPv6
 * node's, by role and home address) names its sub-indexes: its columns start after them. A table
 * that may hold thousands of rows (the MIPv6 binding caches) is rebuilt at most once per
 * {@code maxAge}: a walk then costs a rebuild per interval, not one per GETNEXT.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class LiveTable<R> extends DefaultMOTable<DefaultMOTableRow, MOColumn,
        DefaultMOMutableTableModel<DefaultMOTableRow>> {

    private final Supplier<List<R>> rows;
    private final Function<R, OID> index;
    private final Function<R, Variable[]> values;
    private final Clock clock;
    private final Duration maxAge;
    /** when the model was last rebuilt; guarded by model */
    private Instant builtAt;

    LiveTable(OID entry, int[] syntax, Supplier<List<R>> rows, Function<R, Integer> index,
            Function<R, Variable[]> values) {
        this(entry, new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_GAUGE32)}, syntax, rows,
                row -> new OID(new int[] {index.apply(row)}), values);
    }

    /** @param index a row's index OID, its sub-indexes in order (the not-accessible columns 1..n) */
    LiveTable(OID entry, MOTableSubIndex[] subIndexes, int[] syntax, Supplier<List<R>> rows, Function<R, OID> index,
            Function<R, Variable[]> values) {
        this(entry, subIndexes, syntax, rows, index, values, Clock.systemUTC(), Duration.ZERO);
    }

    /** @param maxAge how long a rebuilt model answers (zero: rebuilt at each request) */
    LiveTable(OID entry, MOTableSubIndex[] subIndexes, int[] syntax, Supplier<List<R>> rows, Function<R, OID> index,
            Function<R, Variable[]> values, Clock clock, Duration maxAge) {
        super(entry, new MOTableIndex(subIndexes), columns(subIndexes.length + 1, syntax),
                new DefaultMOMutableTableModel<>());
        this.rows = rows;
        this.index = index;
        this.values = values;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    private static MOColumn[] columns(int first, int[] syntax) {
        MOColumn[] columns = new MOColumn[syntax.length];
        for (int i = 0; i < syntax.length; i++) {
            columns[i] = new MOColumn(first + i, syntax[i], MOAccessImpl.ACCESS_READ_ONLY);
        }
        return columns;
    }

    @Override
    public void update(MOScope scope) {
        synchronized (model) {
            Instant now = clock.instant();
            if (builtAt != null && now.isBefore(builtAt.plus(maxAge))) {
                return;
            }
            builtAt = now;
            model.clear();
            for (R row : rows.get()) {
                model.addRow(new DefaultMOTableRow(index.apply(row), values.apply(row)));
            }
        }
    }
}
