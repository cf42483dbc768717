package net.homeagent.mip6.registration;

import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.mip6.BindingUpdate;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.MobilityResponder;
import net.homeagent.mip6.ipsec.HomeRegistrationProtection;
import net.homeagent.mip6.wire.InboundMobilityHeader;
import net.homeagent.mip6.wire.OutboundMobilityMessage;

/**
 * The home agent's answers on its addresses (and a MAP's on its own, RFC 5380: the MAP answers a
 * local Binding Update as a home agent does, to the on-link care-of address through the type 2
 * routing header to the regional care-of address): a Binding Update goes to {@link HomeRegistration}, and
 * its Binding Acknowledgement goes where the update came from (§9.5.4: to the source address, the
 * care-of address), through the type 2 routing header to the home address. A home agent has
 * nothing to answer to anything else (a HoTI or CoTI is for a correspondent, and this home agent
 * does not tunnel them: docs/mip6.md). A home agent's Binding Update passes the ESP policy check
 * first (RFC 4877 §4.3) and an update that arrived under ESP is acknowledged under the same mobile
 * node's SA (§4.1); a MAP has no ESP (docs/mip6.md, "Security").
 */
public final class HomeAgentResponder implements MobilityResponder {

    private final HomeRegistration registration;
    private final Mip6Counters counters;
    private final Optional<HomeRegistrationProtection> protection;

    /** A MAP's, without ESP. */
    public HomeAgentResponder(HomeRegistration registration, Mip6Counters counters) {
        this(registration, counters, Optional.empty());
    }

    /** @param protection the home agent's ESP policy check */
    public HomeAgentResponder(HomeRegistration registration, Mip6Counters counters,
            Optional<HomeRegistrationProtection> protection) {
        this.registration = registration;
        this.counters = counters;
        this.protection = protection;
    }

    @Override
    public List<OutboundMobilityMessage> answer(InboundMobilityHeader in, long nowMillis) {
        if (!(in.message() instanceof BindingUpdate update)) {
            counters.count(Counter.OTHER_MESSAGES);
            return List.of();
        }
        if (protection.isPresent() && !protection.get().admits(in.homeAddress(), in.protection())) {
            return List.of();   // counted by the check: silently discarded, RFC 4877 §4.3
        }
        RegistrationResult result = registration.process(
                new ReceivedBindingUpdate(in.source(), in.destination(), in.homeAddressOption(), update), nowMillis);
        if (!result.sendAck()) {
            return List.of();
        }
        return List.of(OutboundMobilityMessage.plain(result.acknowledgement(), in.destination(), in.source(),
                result.homeAddress()).protectedBy(in.protection()));
    }
}
