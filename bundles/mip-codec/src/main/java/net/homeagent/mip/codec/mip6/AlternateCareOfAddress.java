package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * Alternate Care-of Address, RFC 6275 §6.2.5 (type 3, length 16, alignment 8n+6): in a Binding
 * Update, the care-of address to bind instead of the packet's source address.
 */
public record AlternateCareOfAddress(Inet6Address careOfAddress) implements MobilityOption {
    public static final int TYPE = 3;

    public AlternateCareOfAddress {
        Objects.requireNonNull(careOfAddress, "careOfAddress");
    }

    @Override
    public int type() {
        return TYPE;
    }
}
