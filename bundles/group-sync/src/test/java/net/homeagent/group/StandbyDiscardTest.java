package net.homeagent.group;

import static net.homeagent.group.TestBindings.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.RegistrationVerdict;

class StandbyDiscardTest {

    private final GroupCounters counters = new GroupCounters();
    private MemberState state = MemberState.STANDBY;
    private final StandbyDiscard policy = new StandbyDiscard(() -> state, counters);

    @Test
    void onlyTheActiveMemberLetsARegistrationThrough() {
        var proposed = binding("10.1.0.1", "198.51.100.7", Instant.parse("2026-12-06T03:00:00Z"), 300);
        for (MemberState notActive : new MemberState[] {MemberState.INIT, MemberState.LEARN, MemberState.STANDBY,
            MemberState.PASSIVE}) {
            state = notActive;
            assertThat(policy.decide(null, proposed).toCompletableFuture().join())
                    .isEqualTo(RegistrationVerdict.discard(StandbyDiscard.REASON));
        }
        state = MemberState.ACTIVE;

        assertThat((Object) policy.decide(null, proposed)).isSameAs(RegistrationVerdict.PASSED);
        assertThat(counters.get("discarded-not-active")).isEqualTo(4);
    }

    @Test
    void aDeregistrationIsDiscardedByAMemberThatIsNotActiveToo() {
        // the home agent proposes a deregistration as a binding of lifetime 0 (RegistrationPolicy)
        var deregistration = binding("10.1.0.1", "198.51.100.7", Instant.parse("2026-12-06T03:00:00Z"), 0);

        assertThat(policy.decide(null, deregistration).toCompletableFuture().join())
                .isEqualTo(RegistrationVerdict.discard(StandbyDiscard.REASON));
        state = MemberState.ACTIVE;
        assertThat((Object) policy.decide(null, deregistration)).isSameAs(RegistrationVerdict.PASSED);
        assertThat(counters.get("discarded-not-active")).isEqualTo(1);
    }
}
