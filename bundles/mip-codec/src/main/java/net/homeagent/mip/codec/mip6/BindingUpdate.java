package net.homeagent.mip.codec.mip6;

import java.util.List;

/**
 * Binding Update, RFC 6275 §6.1.7 (MH Type 5), with the M flag of HMIPv6 (RFC 5380 §4.1).
 *
 * <pre>
 *  6: Sequence # (16)
 *  8: A H L K M reserved (16)     A 0x8000, H 0x4000, L 0x2000, K 0x1000, M 0x0800
 * 10: Lifetime (16, units of 4 s)
 * 12: Mobility options ...
 * </pre>
 *
 * Flag bits this codec does not know (NEMO's R, PMIPv6's P) are reserved here: ignored on
 * receipt, zero when sent.
 *
 * @param sequence                the sequence number (§9.5.1: compared modulo 2^16)
 * @param acknowledge             A: the sender asks for a Binding Acknowledgement
 * @param homeRegistration        H: a home registration, the receiver is to act as home agent
 * @param linkLocalCompatibility  L: the home address has the same interface identifier as the
 *                                link-local address
 * @param keyManagementMobility   K: the IPsec key management protocol survives movement
 * @param mapRegistration         M: a local Binding Update to a Mobility Anchor Point (RFC 5380)
 * @param lifetimeUnits           the Lifetime field: 4-second units, 0 deletes the binding; see
 *                                {@link #lifetimeSeconds()}
 */
public record BindingUpdate(int sequence, boolean acknowledge, boolean homeRegistration,
        boolean linkLocalCompatibility, boolean keyManagementMobility, boolean mapRegistration, int lifetimeUnits,
        List<MobilityOption> options) implements MobilityMessage, BindingLifetime {
    public static final int MH_TYPE = 5;
    static final int FLAG_A = 0x8000;
    static final int FLAG_H = 0x4000;
    static final int FLAG_L = 0x2000;
    static final int FLAG_K = 0x1000;
    static final int FLAG_M = 0x0800;

    public BindingUpdate {
        WireRanges.unsigned16(sequence, "sequence number");
        FourSecondUnits.check(lifetimeUnits, "lifetime");
        options = MobilityOptions.copy(options);
    }

    @Override
    public int mhType() {
        return MH_TYPE;
    }

    /** A Binding Update with a lifetime of zero deregisters (§6.1.7). */
    public boolean isDeregistration() {
        return lifetimeUnits == 0;
    }

    int flagBits() {
        return (acknowledge ? FLAG_A : 0) | (homeRegistration ? FLAG_H : 0) | (linkLocalCompatibility ? FLAG_L : 0)
                | (keyManagementMobility ? FLAG_K : 0) | (mapRegistration ? FLAG_M : 0);
    }
}
