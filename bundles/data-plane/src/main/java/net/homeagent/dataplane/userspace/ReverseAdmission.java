package net.homeagent.dataplane.userspace;

import net.homeagent.dataplane.packet.Decapsulated;
import net.homeagent.dataplane.packet.Ipv4Header;
import net.homeagent.mip.api.Encapsulation;

/**
 * Whether a decapsulated datagram may be forwarded (RFC 3024 §4.2.1, §4.3): its inner source is a
 * home address whose binding has the outer source as care-of address (or, for a UDP tunnel, the
 * NAT's address and port, RFC 3519 §5.1) and was granted reverse tunnelling; a GRE key, when there
 * is one, is the binding's. A home address another node forwards for this one (delegated, or served
 * by a home agent behind this control node) is looked up among the table's reverse-only tunnels, every
 * owner's: its mobile still tunnels to this node's address.
 */
final class ReverseAdmission {

    private final TunnelTable table;
    private final Drops drops;

    ReverseAdmission(TunnelTable table, Drops drops) {
        this.table = table;
        this.drops = drops;
    }

    /** The binding the datagram belongs to (counted there), or null (counted as a drop). */
    TunnelEntry admit(java.nio.ByteBuffer buffer, Decapsulated d, int sourcePort) {
        int home = Ipv4Header.source(buffer, d.innerAt);
        TunnelEntry from = fromFarEnd(table.find(home), d, sourcePort);
        ReverseOnlyOwner reverseOnly = null;
        for (int i = 0; from == null && i < ReverseOnlyOwner.ALL.length; i++) {
            from = fromFarEnd(table.findReverseOnly(ReverseOnlyOwner.ALL[i], home), d, sourcePort);
            reverseOnly = from != null ? ReverseOnlyOwner.ALL[i] : null;
        }
        if (from == null) {
            drops.count(Drops.Reason.NOT_FROM_CARE_OF);
            return null;
        }
        if (!from.endpoint.reverse()) {
            from.refusedReverse.increment();
            drops.count(Drops.Reason.REVERSE_NOT_GRANTED);
            return null;
        }
        if (d.hasKey && (from.endpoint.encapsulation() != Encapsulation.GRE || d.key != from.endpoint.home())) {
            from.refusedReverse.increment();
            drops.count(Drops.Reason.WRONG_GRE_KEY);
            return null;
        }
        from.packetsReverse.increment();
        from.bytesReverse.add(d.innerLength);
        if (reverseOnly != null) {
            table.reverseOnlyAdmitted(reverseOnly);
        }
        return from;
    }

    private static TunnelEntry fromFarEnd(TunnelEntry[] entries, Decapsulated d, int sourcePort) {
        for (TunnelEntry entry : entries) {
            if (entry.endpoint.isFarEnd(d.outerSource, sourcePort)) {
                return entry;
            }
        }
        return null;
    }
}
