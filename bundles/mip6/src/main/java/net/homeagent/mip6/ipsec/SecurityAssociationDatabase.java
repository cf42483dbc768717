package net.homeagent.mip6.ipsec;

import java.net.Inet6Address;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The home agent's Security Association Database for its signalling with mobile nodes (RFC 4301
 * §4.4.2; RFC 4877 §4.1): inbound SAs by SPI, each mobile node's pair by its home address. One load
 * of the associations file: immutable, swapped whole.
 */
public final class SecurityAssociationDatabase {

    public static final SecurityAssociationDatabase EMPTY = new SecurityAssociationDatabase(List.of());

    private final Map<Long, EspSecurityAssociation> byInboundSpi = new HashMap<>();
    private final Map<Inet6Address, EspSecurityAssociation> byHomeAddress = new HashMap<>();

    /** @param associations at most one per home address and per inbound SPI (the parser sees to it) */
    SecurityAssociationDatabase(Collection<EspSecurityAssociation> associations) {
        for (EspSecurityAssociation sa : associations) {
            byInboundSpi.put(sa.inbound().spi(), sa);
            byHomeAddress.put(sa.homeAddress(), sa);
        }
    }

    public Optional<EspSecurityAssociation> forInboundSpi(long spi) {
        return Optional.ofNullable(byInboundSpi.get(spi));
    }

    public Optional<EspSecurityAssociation> forHomeAddress(Inet6Address homeAddress) {
        return Optional.ofNullable(byHomeAddress.get(homeAddress));
    }

    public int size() {
        return byHomeAddress.size();
    }

    /**
     * This load with the state (replay window, sequence counter) of each association that
     * {@code before} held unchanged: a reload must not reset the window of a mobile whose line stayed,
     * or its old packets would be accepted again.
     */
    SecurityAssociationDatabase keepingStateOf(SecurityAssociationDatabase before) {
        return new SecurityAssociationDatabase(byHomeAddress.values().stream()
                .map(sa -> before.forHomeAddress(sa.homeAddress()).filter(sa::sameAs).orElse(sa))
                .toList());
    }
}
