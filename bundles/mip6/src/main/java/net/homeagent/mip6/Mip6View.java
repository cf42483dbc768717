package net.homeagent.mip6;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.recovery.RecoveryProgress;

/** What the mip6:* commands read (a bundle-internal service of {@link Mip6HomeAgentComponent}). */
public interface Mip6View {

    /** One line: addresses, device, backup; or why it is off or did not start. */
    String status();

    long nowMillis();

    List<Mip6Binding> bindings();

    Optional<Mip6Binding> binding(Inet6Address homeAddress);

    /** The recovery's state of a restored home address, with its care-of prefix ("asked 1 of 3, 2001:db8:a1::/64"). */
    Optional<String> recoveryState(Inet6Address homeAddress);

    Mip6Counters counters();

    RecoveryProgress recovery();
}
