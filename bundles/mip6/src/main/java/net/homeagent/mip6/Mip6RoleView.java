package net.homeagent.mip6;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.api.management.Mip6NodeView.Owner;
import net.homeagent.mip6.Mip6Counters.Scope;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.recovery.RecoveryProgress;

/** One role's binding cache, counters and recovery as the mip6:* commands read them. */
public interface Mip6RoleView {

    /** "home agent", "correspondent node", "MAP". */
    String name();

    /** Which role it is, as management names it. */
    Owner owner();

    /** Its own counters besides {@link Scope#EVERY_ROLE}'s ({@link Scope#CORRESPONDENT} for a correspondent). */
    Optional<Scope> ownCounters();

    List<Mip6Binding> bindings();

    Optional<Mip6Binding> binding(Inet6Address homeAddress);

    /** The recovery's state of a restored home address, with its care-of prefix ("asked 1 of 3, 2001:db8:a1::/64"). */
    Optional<String> recoveryState(Inet6Address homeAddress);

    Mip6Counters counters();

    RecoveryProgress recovery();

    /** Lines about the role's own state beyond the counters (a correspondent's nonces); may be empty. */
    List<String> details(long nowMillis);
}
