package net.homeagent.mip6.ipsec;

import java.net.Inet6Address;
import java.util.Optional;
import java.util.function.Supplier;

import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;

/**
 * The home agent's security policy check on a Binding Update after ESP processing (RFC 4877 §4.3,
 * RFC 4301 §5.2: the SPD check on the decrypted packet): a protected update must name, in its Home
 * Address option, the home address its SA is keyed to (§4.1: else a mobile node holding one key
 * could move another's traffic); an unprotected one is admitted only where {@link IpsecPolicy}
 * lets it. What it refuses is silently discarded and counted (no acknowledgement: an answer in the
 * clear would tell a forger what the home agent holds).
 */
public final class HomeRegistrationProtection {

    private final IpsecPolicy policy;
    private final Supplier<SecurityAssociationDatabase> database;
    private final Mip6Counters counters;

    public HomeRegistrationProtection(IpsecPolicy policy, Supplier<SecurityAssociationDatabase> database,
            Mip6Counters counters) {
        this.policy = policy;
        this.database = database;
        this.counters = counters;
    }

    /**
     * @param homeAddress the home address the update registers (its Home Address option, or its
     *                    source for a mobile node at home)
     * @param protection  the SA whose ESP the update arrived under, if any
     * @return whether the update may be processed
     */
    public boolean admits(Inet6Address homeAddress, Optional<EspSecurityAssociation> protection) {
        if (protection.isPresent()) {
            if (protection.get().homeAddress().equals(homeAddress)) {
                return true;
            }
            counters.count(Counter.ESP_HOME_ADDRESS_MISMATCH);
            return false;
        }
        if (policy == IpsecPolicy.REQUIRED || database.get().forHomeAddress(homeAddress).isPresent()) {
            counters.count(Counter.ESP_NOT_PROTECTED);
            return false;
        }
        return true;
    }
}
