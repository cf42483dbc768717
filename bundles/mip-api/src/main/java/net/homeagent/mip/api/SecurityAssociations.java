package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The mobility security associations the home agent knows (RFC 5944 §3.5). */
@ProviderType
public interface SecurityAssociations {

    /** The association for this home address and SPI. */
    Optional<SecurityAssociation> forHomeAddress(Inet4Address homeAddress, long spi);

    /** The association for this NAI and SPI (RFC 2794). */
    Optional<SecurityAssociation> forNai(String nai, long spi);

    /** Every association, without keys, for the operator. */
    List<SecurityAssociationInfo> describeAll();
}
