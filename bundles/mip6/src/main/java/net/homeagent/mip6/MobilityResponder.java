package net.homeagent.mip6;

import java.util.List;

import net.homeagent.mip6.wire.InboundMobilityHeader;
import net.homeagent.mip6.wire.OutboundMobilityMessage;

/**
 * A role's answers to the Mobility Header messages sent to its addresses (the home agent's, the
 * correspondent node's). Called on the signalling thread; never throws for what a packet holds
 * (house rule 5: bad input is a status code or a counter).
 */
public interface MobilityResponder {

    /** What to send back for {@code in}, possibly nothing. */
    List<OutboundMobilityMessage> answer(InboundMobilityHeader in, long nowMillis);
}
