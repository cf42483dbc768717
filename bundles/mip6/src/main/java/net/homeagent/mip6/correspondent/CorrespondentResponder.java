package net.homeagent.mip6.correspondent;

import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.mip6.BindingUpdate;
import net.homeagent.mip.codec.mip6.CareOfTestInit;
import net.homeagent.mip.codec.mip6.HomeTestInit;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.MobilityResponder;
import net.homeagent.mip6.registration.ReceivedBindingUpdate;
import net.homeagent.mip6.registration.RegistrationResult;
import net.homeagent.mip6.wire.InboundMobilityHeader;
import net.homeagent.mip6.wire.OutboundMobilityMessage;

/**
 * The correspondent node's answers on its addresses (RFC 6275 §9.4, §9.5):
 * <ul>
 * <li>Home Test Init -> Home Test to the HoTI's source, the home address (it reached us through the
 *     mobile's home agent, §9.4.1, §9.4.3), with no routing header;</li>
 * <li>Care-of Test Init -> Care-of Test to the CoTI's source, the care-of address (§9.4.2, §9.4.4);</li>
 * <li>Binding Update -> {@link CorrespondentRegistration}; its Binding Acknowledgement goes to the
 *     care-of address through the type 2 routing header with Binding Authorization Data (§9.5.4);</li>
 * <li>anything else is counted and ignored (a correspondent sends Binding Refresh Requests, it does
 *     not answer them).</li>
 * </ul>
 * A HoTI or CoTI carrying a Home Address option is a mobile node's mistake (§9.4.1, §9.4.2: they
 * MUST NOT carry one); it is discarded, counted with the other ignored messages.
 */
public final class CorrespondentResponder implements MobilityResponder {

    private final KeygenTokens tokens;
    private final CorrespondentRegistration registration;
    private final Mip6Counters counters;

    public CorrespondentResponder(KeygenTokens tokens, CorrespondentRegistration registration,
            Mip6Counters counters) {
        this.tokens = tokens;
        this.registration = registration;
        this.counters = counters;
    }

    @Override
    public List<OutboundMobilityMessage> answer(InboundMobilityHeader in, long nowMillis) {
        if (in.message() instanceof HomeTestInit init && in.homeAddressOption().isEmpty()) {
            counters.count(Counter.HOME_TESTS);
            return List.of(OutboundMobilityMessage.plain(tokens.homeTest(init, in.source(), nowMillis),
                    in.destination(), in.source(), in.source()));
        }
        if (in.message() instanceof CareOfTestInit init && in.homeAddressOption().isEmpty()) {
            counters.count(Counter.CARE_OF_TESTS);
            return List.of(OutboundMobilityMessage.plain(tokens.careOfTest(init, in.source(), nowMillis),
                    in.destination(), in.source(), in.source()));
        }
        if (in.message() instanceof BindingUpdate update) {
            return registration.process(new ReceivedBindingUpdate(in.source(), in.destination(),
                    in.homeAddressOption(), update), in.mobilityHeader(), nowMillis)
                    .filter(RegistrationResult::sendAck)
                    .map(result -> List.of(new OutboundMobilityMessage(result.acknowledgement(), in.destination(),
                            in.source(), result.homeAddress(), result.authorizer(), Optional.empty())))
                    .orElse(List.of());
        }
        counters.count(Counter.OTHER_MESSAGES);
        return List.of();
    }
}
