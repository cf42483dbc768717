package net.homeagent.snmp.mib;

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
 * second old; empty while the source has none (no view).
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class LiveTable<R> extends DefaultMOTable<DefaultMOTableRow, MOColumn,
        DefaultMOMutableTableModel<DefaultMOTableRow>> {

    private final Supplier<List<R>> rows;
    private final Function<R, Integer> index;
    private final Function<R, Variable[]> values;

    LiveTable(OID entry, int[] syntax, Supplier<List<R>> rows, Function<R, Integer> index,
            Function<R, Variable[]> values) {
        super(entry, new MOTableIndex(new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_GAUGE32)}),
                columns(syntax), new DefaultMOMutableTableModel<>());
        this.rows = rows;
        this.index = index;
        this.values = values;
    }

    private static MOColumn[] columns(int[] syntax) {
        MOColumn[] columns = new MOColumn[syntax.length];
        for (int i = 0; i < syntax.length; i++) {
            columns[i] = new MOColumn(i + 2, syntax[i], MOAccessImpl.ACCESS_READ_ONLY);
        }
        return columns;
    }

    @Override
    public void update(MOScope scope) {
        synchronized (model) {
            model.clear();
            for (R row : rows.get()) {
                model.addRow(new DefaultMOTableRow(new OID(new int[] {index.apply(row)}), values.apply(row)));
            }
        }
    }
}
