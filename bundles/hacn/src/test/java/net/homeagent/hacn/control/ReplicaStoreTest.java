package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.wire.HacnMessage.AgentEntry;
import net.homeagent.hacn.wire.HacnMessage.LearnSummary;
import net.homeagent.hacn.wire.HacnMessage.LearnedAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaHome;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;

/** The standby's copy: replicas in any order, a whole state taught over live replicas. */
class ReplicaStoreTest {

    static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    static final AgentEntry ACTIVE_ONE = new AgentEntry(1, CheckpointFile.code(AgentState.ACTIVE), 0, false, false);

    final ReplicaStore store = new ReplicaStore();

    static Binding binding(String home, String careOf) {
        return new Binding(ip(home), ip(careOf), ip("192.0.2.1"), ip(careOf), 434, Optional.empty(), 600, NOW,
                NOW.plusSeconds(600), 1, 0, Encapsulation.IP_IN_IP, false);
    }

    private List<Binding> held(int nodeId) {
        return store.contents(NOW).agents().stream().filter(a -> a.nodeId() == nodeId).findFirst().orElseThrow()
                .bindings();
    }

    @Test
    void theLatestReplicaOfEachKeyWinsWhateverTheOrderOfArrival() {
        store.agent(new ReplicaAgent(1, ACTIVE_ONE));
        assertThat(store.home(new ReplicaHome(5, 1, ip("10.1.0.1"), List.of(binding("10.1.0.1", "203.0.113.5")))))
                .isTrue();
        assertThat(store.home(new ReplicaHome(3, 1, ip("10.1.0.1"), List.of(binding("10.1.0.1", "203.0.113.3")))))
                .isFalse();
        assertThat(store.agent(new ReplicaAgent(7, new AgentEntry(1, CheckpointFile.code(AgentState.FAILED), 3, false,
                false)))).isTrue();
        assertThat(store.agent(new ReplicaAgent(6, ACTIVE_ONE))).isFalse();

        assertThat(held(1)).extracting(Binding::careOfAddress).containsExactly(ip("203.0.113.5"));
        CheckpointFile.Agent one = store.contents(NOW).agents().get(0);
        assertThat(one.state()).isEqualTo(AgentState.FAILED);
        assertThat(one.successor()).isEqualTo(3);
        store.home(new ReplicaHome(8, 1, ip("10.1.0.1"), List.of())); // deregistered
        assertThat(held(1)).isEmpty();
    }

    @Test
    void aTaughtStateReplacesOlderKeysAndKeepsNewerReplicas() {
        store.agent(new ReplicaAgent(1, ACTIVE_ONE));
        store.home(new ReplicaHome(2, 1, ip("10.1.0.9"), List.of(binding("10.1.0.9", "203.0.113.9")))); // gone at 10
        store.home(new ReplicaHome(12, 1, ip("10.1.0.2"), List.of(binding("10.1.0.2", "203.0.113.12")))); // after 10

        store.summary(new LearnSummary(4, true, 10, List.of(new LearnedAgent(ACTIVE_ONE, 30, 2))));
        store.chunk(new SnapshotChunk(30, 1, 2, 10, List.of(binding("10.1.0.2", "203.0.113.2"))));
        assertThat(store.completeLearn()).isFalse(); // a chunk still missing
        store.chunk(new SnapshotChunk(30, 0, 2, 10, List.of(binding("10.1.0.1", "203.0.113.1"))));
        assertThat(store.completeLearn()).isTrue();

        assertThat(held(1)).extracting(Binding::careOfAddress).containsExactlyInAnyOrder(ip("203.0.113.1"),
                ip("203.0.113.12"));
        assertThat(store.bindings()).isEqualTo(2);
    }
}
