package net.homeagent.mip.codec.mip6;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A mobility option, RFC 6275 §6.2.1: Type, Length (of the data, octets), data; Pad1 alone is a
 * single zero octet. Options this codec does not know are kept as {@link UnknownMobilityOption}
 * and skipped by their length.
 */
@ProviderType
public sealed interface MobilityOption permits Pad1, PadN, BindingRefreshAdvice, AlternateCareOfAddress, NonceIndices,
        BindingAuthorizationData, UnknownMobilityOption {

    /** The Option Type. */
    int type();
}
