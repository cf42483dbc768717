package net.homeagent.mip.codec.mip6;

import java.util.List;

/**
 * Binding Acknowledgement, RFC 6275 §6.1.8 (MH Type 6).
 *
 * <pre>
 *  6: Status (8) | K reserved (8, K 0x80)
 *  8: Sequence # (16)
 * 10: Lifetime (16, units of 4 s)
 * 12: Mobility options ...
 * </pre>
 *
 * @param status                the status code, see {@link BindingAckStatus}: below 128 accepted
 * @param keyManagementMobility K: the key management protocol survives movement
 * @param sequence              copied from the Binding Update (or the last one accepted, §9.5.1)
 * @param lifetimeUnits         the granted lifetime in 4-second units; see {@link #lifetimeSeconds()}
 */
public record BindingAcknowledgement(int status, boolean keyManagementMobility, int sequence, int lifetimeUnits,
        List<MobilityOption> options) implements MobilityMessage, BindingLifetime {
    public static final int MH_TYPE = 6;
    static final int FLAG_K = 0x80;

    public BindingAcknowledgement {
        WireRanges.unsigned8(status, "status");
        WireRanges.unsigned16(sequence, "sequence number");
        FourSecondUnits.check(lifetimeUnits, "lifetime");
        options = MobilityOptions.copy(options);
    }

    @Override
    public int mhType() {
        return MH_TYPE;
    }

    /** Status values below 128 accept the Binding Update (§6.1.8). */
    public boolean accepted() {
        return BindingAckStatus.isAccepted(status);
    }
}
