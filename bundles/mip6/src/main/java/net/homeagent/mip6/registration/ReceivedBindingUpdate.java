package net.homeagent.mip6.registration;

import java.net.Inet6Address;
import java.util.Optional;

import net.homeagent.mip.codec.mip6.BindingUpdate;

/**
 * A Binding Update as it arrived.
 *
 * @param source            the IPv6 source address (the care-of address when the mobile is away)
 * @param destination       the IPv6 destination (this home agent's address)
 * @param homeAddressOption the Home Address destination option's address (RFC 6275 §6.3), if any
 * @param update            the decoded message
 */
public record ReceivedBindingUpdate(Inet6Address source, Inet6Address destination,
        Optional<Inet6Address> homeAddressOption, BindingUpdate update) {
}
