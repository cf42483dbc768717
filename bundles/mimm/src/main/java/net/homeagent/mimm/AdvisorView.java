package net.homeagent.mimm;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import net.homeagent.mimm.network.Network;
import net.homeagent.mimm.network.RealTimeSessionSource.SessionLoad;

/**
 * What the operator sees of the advisor: an OSGi service inside this bundle only (the package is
 * not exported), for the {@code mimm:*} commands.
 */
public interface AdvisorView {

    /** Every configured network with its live load, by id. */
    List<NetworkStatus> networks();

    /** The last advice given to the mobile with this home address. */
    Optional<GivenAdvice> lastAdvice(Inet4Address homeAddress);

    MimmStatistics statistics();

    /** Where the real-time sessions come from and how fresh they are (one line). */
    String sessionSource();

    /** Whether the real-time session figures are current (false: unknown, counted as none). */
    boolean sessionsKnown();

    /**
     * A network and what it carries now.
     *
     * @param forwardedKbps kbit/s the data plane forwarded for its mobiles over the last interval; empty while unknown
     */
    record NetworkStatus(Network network, int mobiles, SessionLoad sessions, OptionalLong forwardedKbps) {
    }
}
