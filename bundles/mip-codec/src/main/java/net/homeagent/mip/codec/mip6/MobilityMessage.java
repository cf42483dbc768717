package net.homeagent.mip.codec.mip6;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One Mobility Header message, RFC 6275 §6.1.1: its MH Type and the mobility options that follow
 * its fixed part, in wire order (padding included when decoded, so that a decoded message
 * encodes back to its own octets).
 */
@ProviderType
public sealed interface MobilityMessage permits BindingRefreshRequest, HomeTestInit, CareOfTestInit, HomeTest,
        CareOfTest, BindingUpdate, BindingAcknowledgement, BindingError {

    /** The MH Type field, RFC 6275 §6.1.2-§6.1.9. */
    int mhType();

    List<MobilityOption> options();

    /** The first option of {@code kind}, if any. */
    default <O extends MobilityOption> Optional<O> option(Class<O> kind) {
        return MobilityOptions.first(options(), kind);
    }
}
