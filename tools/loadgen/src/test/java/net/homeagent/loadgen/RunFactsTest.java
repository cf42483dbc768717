package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RunFactsTest {

    @Test
    void twoCoresAreTooFewToPin() {
        assertThat(RunFacts.pinning(2, "0", Optional.of("1"))).startsWith("not pinned: 2 cores are too few");
    }

    @Test
    void separateCoreSetsArePinnedOverlappingOnesAreNot() {
        assertThat(RunFacts.pinning(8, "0-1", Optional.of("2-7"))).isEqualTo("pinned: generator on 0-1, appliance on 2-7");
        assertThat(RunFacts.pinning(8, "0-7", Optional.of("2-7"))).startsWith("not pinned");
        assertThat(RunFacts.pinning(8, "0-1", Optional.empty())).startsWith("unknown");
    }

    @Test
    void readsLinuxCpuLists() {
        assertThat(RunFacts.cpuSet("0-2,5").toString()).isEqualTo("{0, 1, 2, 5}");
        assertThat(RunFacts.cpuSet("3\n").cardinality()).isEqualTo(1);
    }
}
