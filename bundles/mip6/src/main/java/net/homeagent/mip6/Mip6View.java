package net.homeagent.mip6;

import java.util.List;
import java.util.OptionalInt;

/** What the mip6:* commands read (a bundle-internal service of {@link Mip6NodeComponent}). */
public interface Mip6View {

    /** One line: addresses, device, backup; or why it is off or did not start. */
    String status();

    long nowMillis();

    /** The signalling path's counters (packets, malformed, send failures). */
    Mip6Counters signallingCounters();

    /** Home addresses proxied on the home link now; empty without a home link (homeLinkInterface). */
    OptionalInt homeLinkProxied();

    /** The roles running: the home agent's, then the correspondent node's; none when off. */
    List<Mip6RoleView> roles();
}
