package net.homeagent.snmp.mib;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.DefaultMOMutableTableModel;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.DefaultMOTableRow;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

/**
 * mipSecAssocTable (RFC 2006), indexed by mipSecPeerAddress and mipSecSPI, for the associations keyed
 * by a home address (an NAI-keyed association, RFC 2794, has no peer address to index by and is not
 * listed). The table is small (one row per association) and rebuilt from
 * {@link SecurityAssociations#describeAll()} when a request finds it older than a second, so an
 * edit of mobility-security.conf shows within the file's reload time plus one second.
 * mipSecKey is served as RFC 2006 says: "Reading this object will always return zero length value."
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class SecurityAssociationTable extends DefaultMOTable<DefaultMOTableRow, MOColumn, DefaultMOMutableTableModel<DefaultMOTableRow>> {

    private static final Duration MAX_AGE = Duration.ofSeconds(1);
    /** mipSecAlgorithmType md5(2); mipSecAlgorithmMode other(1) for HMAC-MD5, prefixSuffix(2) for keyed MD5. */
    static final int MD5 = 2;
    static final int MODE_OTHER = 1;
    static final int MODE_PREFIX_SUFFIX = 2;
    /** mipSecReplayMethod timestamps(2), nonces(3). */
    static final int TIMESTAMPS = 2;
    static final int NONCES = 3;

    private final SecurityAssociations associations;
    private final Clock clock;
    private Instant builtAt = Instant.MIN;

    SecurityAssociationTable(OID entry, SecurityAssociations associations, Clock clock) {
        super(entry, new MOTableIndex(new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_IPADDRESS, 4, 4),
                new MOTableSubIndex(SMIConstants.SYNTAX_GAUGE32)}), columns(), new DefaultMOMutableTableModel<>());
        this.associations = associations;
        this.clock = clock;
    }

    private static MOColumn[] columns() {
        // mipSecPeerAddress(1) and mipSecSPI(2) are not-accessible index columns: the row's columns start at 3
        int[] ids = {3, 4, 5, 6};
        int[] syntax = {SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_INTEGER32, SMIConstants.SYNTAX_OCTET_STRING,
                SMIConstants.SYNTAX_INTEGER32};
        MOColumn[] columns = new MOColumn[ids.length];
        for (int i = 0; i < ids.length; i++) {
            columns[i] = new MOColumn(ids[i], syntax[i], MOAccessImpl.ACCESS_READ_ONLY);
        }
        return columns;
    }

    @Override
    public void update(MOScope scope) {
        Instant now = clock.instant();
        synchronized (model) {
            if (builtAt.plus(MAX_AGE).isAfter(now)) {
                return;
            }
            builtAt = now;
            model.clear();
            // the model keeps its rows sorted by index
            associations.describeAll().stream().filter(sa -> sa.homeAddress().isPresent()).forEach(sa -> model.addRow(new DefaultMOTableRow(index(sa), values(sa))));
        }
    }

    static OID index(SecurityAssociationInfo sa) {
        return new IpAddress(sa.homeAddress().orElseThrow()).toSubIndex(false).append((int) sa.spi());
    }

    static Variable[] values(SecurityAssociationInfo sa) {
        int mode = sa.algorithm() == AuthenticationAlgorithm.KEYED_MD5 ? MODE_PREFIX_SUFFIX : MODE_OTHER;
        int replay = sa.replay() == ReplayProtection.NONCE ? NONCES : TIMESTAMPS;
        return new Variable[] {new Integer32(MD5), new Integer32(mode), new OctetString(), new Integer32(replay)};
    }
}
