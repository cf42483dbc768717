package net.homeagent.snmp.mib;

import java.util.Optional;
import java.util.function.Supplier;

import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.DefaultMOMutableTableModel;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.DefaultMOTableRow;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

import net.homeagent.mip.api.management.DelegationView.Primary;
import net.homeagent.mip.api.management.DelegationView.Sha;

/**
 * hamDelegationShaTable, indexed by hamDelegationShaNodeId: the PHA's SHAs, rebuilt from the view at
 * every request (a PHA has a handful of SHAs, and a state or a rate must not be a second old), empty
 * without a view. A rate not known yet (fewer than two Load Reports) is -1.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class DelegationShaTable
        extends DefaultMOTable<DefaultMOTableRow, MOColumn, DefaultMOMutableTableModel<DefaultMOTableRow>> {

    private final Supplier<Optional<Primary>> primary;

    DelegationShaTable(OID entry, Supplier<Optional<Primary>> primary) {
        super(entry, new MOTableIndex(new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_GAUGE32)}),
                columns(), new DefaultMOMutableTableModel<>());
        this.primary = primary;
    }

    private static MOColumn[] columns() {
        // hamDelegationShaNodeId(1) is the not-accessible index: the row's columns start at 2
        int[] syntax = {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_GAUGE32,
            SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_INTEGER32};
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
            // the model keeps its rows sorted by index
            primary.get().ifPresent(p -> p.shas().forEach(s -> model.addRow(new DefaultMOTableRow(index(s), values(s)))));
        }
    }

    static OID index(Sha s) {
        return new OID(new int[] {s.nodeId()});
    }

    static Variable[] values(Sha s) {
        long rate = s.packetsPerSecond().orElse(-1);
        return new Variable[] {new OctetString(s.address()), DelegationMib.state(s.state()),
            HomeagentMib.gauge(s.mobiles()), HomeagentMib.gauge(s.starting()),
            new Integer32((int) Math.min(rate, Integer.MAX_VALUE))};
    }
}
