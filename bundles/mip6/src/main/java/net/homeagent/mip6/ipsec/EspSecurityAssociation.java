package net.homeagent.mip6.ipsec;

import java.net.Inet6Address;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mobile node's pair of manually keyed transport-mode ESP security associations with the home
 * agent (RFC 4877 §4.1: one inbound, one outbound, keyed to the home address), with their state: the
 * inbound anti-replay window (RFC 4303 §3.4.3) and the outbound sequence number counter (§3.3.3).
 * The state is in memory only: after a restart the counter and the window start over (docs/mip6.md,
 * "Security"). Never logs or prints a key.
 */
public final class EspSecurityAssociation {

    /** RFC 4303 §3.3.3: without extended sequence numbers the counter must not cycle past 2^32 - 1. */
    private static final long LAST_SEQUENCE = 0xFFFF_FFFFL;

    private final Inet6Address homeAddress;
    private final EspSuite suite;
    private final DirectionKeys inbound;
    private final DirectionKeys outbound;
    private final ReplayWindow window = new ReplayWindow();
    private final AtomicLong lastSent = new AtomicLong();

    public EspSecurityAssociation(Inet6Address homeAddress, EspSuite suite, DirectionKeys inbound,
            DirectionKeys outbound) {
        this.homeAddress = homeAddress;
        this.suite = suite;
        this.inbound = inbound;
        this.outbound = outbound;
    }

    public Inet6Address homeAddress() {
        return homeAddress;
    }

    public EspSuite suite() {
        return suite;
    }

    DirectionKeys inbound() {
        return inbound;
    }

    DirectionKeys outbound() {
        return outbound;
    }

    ReplayWindow window() {
        return window;
    }

    /** The next outbound sequence number, or empty once 2^32 - 1 was sent (the SA must be rekeyed, §3.3.3). */
    OptionalLong nextSequence() {
        long previous = lastSent.getAndUpdate(last -> last >= LAST_SEQUENCE ? last : last + 1);
        return previous >= LAST_SEQUENCE ? OptionalLong.empty() : OptionalLong.of(previous + 1);
    }

    /** Whether {@code other} was read from the same line: same home address, suite, SPIs and keys. */
    boolean sameAs(EspSecurityAssociation other) {
        return homeAddress.equals(other.homeAddress) && suite == other.suite && inbound.sameAs(other.inbound)
                && outbound.sameAs(other.outbound);
    }

    @Override
    public String toString() {
        return homeAddress.getHostAddress() + " in " + inbound + " out " + outbound + " " + suite.configName();
    }
}
