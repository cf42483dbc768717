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
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

import net.homeagent.mip.api.management.RedundancyGroupView.Group;
import net.homeagent.mip.api.management.RedundancyGroupView.Member;

/**
 * hamGroupMemberTable, indexed by hamGroupMemberNodeId: the members the view lists, rebuilt from it
 * at every request (a group has a handful of members, and a lag or a state must not be a second
 * old), and empty without a view.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class GroupMemberTable extends DefaultMOTable<DefaultMOTableRow, MOColumn, DefaultMOMutableTableModel<DefaultMOTableRow>> {

    private final Supplier<Optional<Group>> group;

    GroupMemberTable(OID entry, Supplier<Optional<Group>> group) {
        super(entry, new MOTableIndex(new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_GAUGE32)}),
                columns(), new DefaultMOMutableTableModel<>());
        this.group = group;
    }

    private static MOColumn[] columns() {
        // hamGroupMemberNodeId(1) is the not-accessible index: the row's columns start at 2
        int[] syntax = {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_TIMETICKS,
                SMIConstants.SYNTAX_COUNTER64, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_COUNTER64,
                SMIConstants.SYNTAX_INTEGER32};
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
            group.get().ifPresent(g -> g.members().forEach(m -> model.addRow(new DefaultMOTableRow(index(m), values(m)))));
        }
    }

    static OID index(Member m) {
        return new OID(new int[] {m.nodeId()});
    }

    static Variable[] values(Member m) {
        return new Variable[] {new OctetString(m.address()), GroupMib.state(m.state()),
                new TimeTicks(Math.min(m.sinceHeard().toMillis() / 10, 0xFFFF_FFFFL)), new Counter64(m.sent()),
                HomeagentMib.gauge(m.lag()), new Counter64(m.failed()),
                new Integer32(m.lagging() ? HomeagentMib.TRUE : HomeagentMib.FALSE)};
    }
}
