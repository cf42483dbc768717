package net.homeagent.group;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationPolicy;
import net.homeagent.mip.api.RegistrationVerdict;

/**
 * Only the active member answers registrations (issue 11): in any other state a registration or a
 * deregistration (the home agent puts both to its policies) that reached this member is discarded
 * without a reply, counted under {@code discarded-not-active}: a standby that answered a
 * deregistration would remove the binding here while the active member keeps serving it.
 * The mobile node retransmits (RFC 5944 §3.6.3) and the member that holds the virtual address
 * answers. A refusal would be wrong: it would tell the node that the group denies it.
 */
final class StandbyDiscard implements RegistrationPolicy {

    static final String REASON = "group-member-not-active";
    private static final CompletionStage<RegistrationVerdict> DISCARD = CompletableFuture
            .completedStage(RegistrationVerdict.discard(REASON));

    private final Supplier<MemberState> state;
    private final GroupCounters counters;

    StandbyDiscard(Supplier<MemberState> state, GroupCounters counters) {
        this.state = state;
        this.counters = counters;
    }

    @Override
    public CompletionStage<RegistrationVerdict> decide(InboundRegistration registration, Binding proposed) {
        if (state.get() == MemberState.ACTIVE) {
            return RegistrationVerdict.PASSED;
        }
        counters.increment("discarded-not-active");
        return DISCARD;
    }
}
