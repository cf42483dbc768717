package net.homeagent.mip.codec.mip6;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The Lifetime field of a Binding Update and a Binding Acknowledgement (RFC 6275 §6.1.7, §6.1.8):
 * 16 bits of 4-second units, 0 meaning the binding is to be deleted.
 */
@ProviderType
public sealed interface BindingLifetime permits BindingUpdate, BindingAcknowledgement {

    /** The field as sent: 4-second units. */
    int lifetimeUnits();

    /** The lifetime in seconds (the field times 4). */
    default long lifetimeSeconds() {
        return FourSecondUnits.toSeconds(lifetimeUnits());
    }
}
