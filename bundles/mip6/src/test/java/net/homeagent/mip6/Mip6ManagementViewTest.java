package net.homeagent.mip6;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.management.Mip6NodeView.Binding;
import net.homeagent.mip.api.management.Mip6NodeView.Counter;
import net.homeagent.mip.api.management.Mip6NodeView.Owner;
import net.homeagent.mip.api.management.Mip6NodeView.Recovery;
import net.homeagent.mip.api.management.Mip6NodeView.RecoveryState;
import net.homeagent.mip.api.management.Mip6NodeView.Role;
import net.homeagent.mip6.Mip6Counters.Scope;
import net.homeagent.mip6.recovery.RecoveryProgress;

class Mip6ManagementViewTest {

    private final FakeMip6Node node = new FakeMip6Node();
    private final Mip6ManagementView view = new Mip6ManagementView(node.view);

    @Test
    void theNodesCountersAreTheSignallingOnesWithTheirNumbersAndValues() {
        node.signalling.count(Mip6Counters.Counter.MALFORMED, 3);
        node.signalling.count(Mip6Counters.Counter.PROXY_ADDED, 2);
        List<Counter> counters = view.counters();
        assertThat(counters).hasSize(count(Scope.SIGNALLING));
        assertThat(counters).extracting(Counter::number).isSorted();
        assertThat(counters).contains(new Counter(Mip6Counters.Counter.MALFORMED.number(), "MALFORMED",
                Mip6Counters.Counter.MALFORMED.text(), 3));
        assertThat(counters).filteredOn(c -> c.name().equals("PROXY_ADDED")).extracting(Counter::value)
                .containsExactly(2L);
        assertThat(view.status()).isEqualTo("running on mip6ha0");
    }

    @Test
    void aRoleHasItsOwnAndEveryRolesCountersItsAcknowledgementsAndItsCacheSize() {
        node.counters.count(Mip6Counters.Counter.HOME_TESTS, 7);
        node.counters.count(Mip6Counters.Counter.VALIDATED, 60);
        node.counters.acknowledged(0);
        node.counters.acknowledged(138);
        node.counters.acknowledged(138);
        Role role = view.roles().get(0);
        assertThat(role.owner()).isEqualTo(Owner.CORRESPONDENT_NODE);
        assertThat(role.name()).isEqualTo("correspondent node");
        assertThat(role.bindings()).isEqualTo(1);
        assertThat(role.counters()).hasSize(count(Scope.EVERY_ROLE) + count(Scope.CORRESPONDENT));
        assertThat(role.counters()).noneMatch(c -> c.name().equals("MALFORMED"));
        assertThat(role.counters()).filteredOn(c -> c.name().equals("HOME_TESTS")).extracting(Counter::value)
                .containsExactly(7L);
        assertThat(role.acknowledgements()).isEqualTo(Map.of(0, 1L, 138, 2L));
    }

    @Test
    void recoveryIsNoneRunningOrFinishedWithMip6RecoverysFigures() {
        assertThat(view.roles().get(0).recovery().state()).isEqualTo(RecoveryState.NONE);
        node.progress = new RecoveryProgress(100, 60, 30, 10, 4, 130, 30, 50, 49.5, 7, false);
        assertThat(view.roles().get(0).recovery())
                .isEqualTo(new Recovery(RecoveryState.RUNNING, 100, 60, 30, 10, 4, 130, 30, 50, 49.5));
        node.progress = new RecoveryProgress(100, 70, 30, 0, 0, 140, 40, 50, 48, 7, true);
        assertThat(view.roles().get(0).recovery().state()).isEqualTo(RecoveryState.FINISHED);
    }

    @Test
    void bindingsCarryTheirRoleRemainingLifetimeOriginAndRecoveryState() {
        assertThat(view.bindings()).containsExactly(new Binding(Owner.CORRESPONDENT_NODE, FakeMip6Node.HOME,
                FakeMip6Node.CARE_OF, 5, 600, 300, true, "asked 1 of 3, care-of prefix 2001:db8:a1:0::/64"));
    }

    @Test
    void theHomeLinksProxiedCountOnlyWithAHomeLink() {
        assertThat(view.homeLinkProxied()).isEmpty();
        node.proxied = OptionalInt.of(12);
        assertThat(view.homeLinkProxied()).hasValue(12);
    }

    @Test
    void counterNumbersAreUniqueAndPositive() {
        assertThat(List.of(Mip6Counters.Counter.values())).extracting(Mip6Counters.Counter::number)
                .doesNotHaveDuplicates().allMatch(n -> n > 0);
    }

    private static int count(Scope scope) {
        return (int) List.of(Mip6Counters.Counter.values()).stream().filter(c -> c.scope() == scope).count();
    }
}
