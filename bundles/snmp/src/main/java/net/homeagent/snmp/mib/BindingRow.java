package net.homeagent.snmp.mib;

import java.time.Instant;

import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.codec.RegistrationFlags;

/**
 * One haMobilityBindingEntry (RFC 2006) as the binding is at {@code now}. Columns, in MIB order:
 * haMobilityBindingMN, -COA, -SourceAddress, -RegFlags, -RegIDLow, -RegIDHigh, -TimeGranted,
 * -TimeRemaining.
 */
final class BindingRow implements MOTableRow {

    static final int COLUMNS = 8;

    private final Binding binding;
    private final Instant now;
    private final OID index;

    BindingRow(Binding binding, Instant now) {
        this.binding = binding;
        this.now = now;
        this.index = new IpAddress(binding.homeAddress()).toSubIndex(false)
                .append(new IpAddress(binding.careOfAddress()).toSubIndex(false));
    }

    @Override
    public OID getIndex() {
        return index;
    }

    @Override
    public Variable getValue(int column) {
        return switch (column) {
            case 0 -> new IpAddress(binding.homeAddress());
            case 1 -> new IpAddress(binding.careOfAddress());
            case 2 -> new IpAddress(binding.sourceAddress());
            case 3 -> new OctetString(new byte[] {(byte) registrationFlagBits(binding.flags())});
            // RFC 2006: the identification's low and high 32 bits, as Integer32
            case 4 -> new Integer32((int) binding.identification());
            case 5 -> new Integer32((int) (binding.identification() >>> 32));
            case 6 -> new Integer32(binding.grantedLifetime());
            case 7 -> new Gauge32(Math.min(binding.remainingSeconds(now), 0xFFFF_FFFFL));
            default -> null;
        };
    }

    /**
     * RFC 2006's RegistrationFlags BITS: vjCompression(0), gre(1), minEnc(2), decapsulationbyMN(3),
     * broadcastDatagram(4), simultaneousBindings(5); BITS number 0 is the most significant bit of the
     * first octet (RFC 2578 §7.1.4). The RFC 5944 flag octet is S B D M G r T x from the top, so the
     * order is reversed; r (RFC 2002's V, deprecated) and T, x have no BITS and are left out.
     */
    static int registrationFlagBits(int flags) {
        int bits = 0;
        bits |= (flags & RegistrationFlags.G) != 0 ? 0x40 : 0;
        bits |= (flags & RegistrationFlags.M) != 0 ? 0x20 : 0;
        bits |= (flags & RegistrationFlags.D) != 0 ? 0x10 : 0;
        bits |= (flags & RegistrationFlags.B) != 0 ? 0x08 : 0;
        bits |= (flags & RegistrationFlags.S) != 0 ? 0x04 : 0;
        return bits;
    }

    @Override
    public MOTableRow getBaseRow() {
        return null;
    }

    @Override
    public void setBaseRow(MOTableRow baseRow) {
        // rows are views of the store, never linked to other tables' rows
    }

    @Override
    public int size() {
        return COLUMNS;
    }
}
