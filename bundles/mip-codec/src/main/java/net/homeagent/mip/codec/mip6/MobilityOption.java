package net.homeagent.mip.codec.mip6;

/**
 * A mobility option, RFC 6275 §6.2.1: Type, Length (of the data, octets), data; Pad1 alone is a
 * single zero octet. Options this codec does not know are kept as {@link UnknownMobilityOption}
 * and skipped by their length.
 */
public sealed interface MobilityOption permits Pad1, PadN, BindingRefreshAdvice, AlternateCareOfAddress, NonceIndices,
        BindingAuthorizationData, UnknownMobilityOption {

    /** The Option Type. */
    int type();
}
