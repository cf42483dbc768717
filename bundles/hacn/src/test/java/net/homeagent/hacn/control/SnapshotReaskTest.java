package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.wire.HacnCodec;
import net.homeagent.mip.api.Binding;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;

/**
 * A full snapshot asked of an HA that does not arrive (its chunks or the request given up by the
 * link) is asked again, with backoff, under a new transfer id (docs/hacn.md, "MBR snapshots").
 */
class SnapshotReaskTest {

    /** More than one chunk's worth (27 bindings without NAI in 1,200 bytes). */
    static final int MOBILES = 30;
    static final int SNAPSHOT_CHUNK = 9;

    final Deployment d = new Deployment();

    static boolean chunk(byte[] payload) {
        return payload[1] == SNAPSHOT_CHUNK;
    }

    /** HA 1 with {@link #MOBILES} bindings restarts: its first heartbeat asks for its table, whose chunks are held back. */
    Deployment.Ha restartWithChunksHeld() {
        d.ha(1, false);
        d.ha(2, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        assertThat(d.core.bindings(1)).hasSize(MOBILES);
        Deployment.Ha one = d.restart(1);
        d.network.takeDown(Deployment.HACN);
        one.endpoint.heartbeat();
        d.network.bringUp(Deployment.HACN);
        d.network.takeDown(one.address);
        d.network.deliverAll(); // the heartbeat: a new life, the snapshot request waits for HA 1
        d.network.takeDown(Deployment.HACN);
        d.network.bringUp(one.address);
        d.network.deliverAll(); // HA 1 lists its table: the chunks wait for the control node
        d.network.bringUp(Deployment.HACN);
        return one;
    }

    void deliverLate(Deployment.Ha from, byte[] payload) {
        d.core.receive(new PeerMessage(HacnCodec.SERVICE, new PeerNode(from.nodeId, from.address), from.epoch, payload));
    }

    @Test
    void aSnapshotWhoseChunksAreLostIsAskedAgainAndCompletes() {
        Deployment.Ha one = restartWithChunksHeld();
        assertThat(d.network.take(Deployment.HACN)).hasSize(2).allMatch(SnapshotReaskTest::chunk);
        long asked = d.core.counters().get("snapshot-requests");

        d.run(Deployment.SNAPSHOT_STALL.minus(Deployment.TICK.multipliedBy(2)));
        assertThat(d.core.counters().get("snapshot-reasks")).as("not before the stall time").isZero();
        d.run(Deployment.TICK.multipliedBy(2));

        assertThat(d.core.counters().get("snapshot-reasks")).isEqualTo(1);
        assertThat(d.core.counters().get("snapshot-requests")).isEqualTo(asked + 1);
        assertThat(d.core.bindings(1)).containsExactlyInAnyOrderElementsOf(one.store.list(b -> true));
        d.run(Duration.ofSeconds(60));
        assertThat(d.core.counters().get("snapshot-reasks")).as("complete: not asked again").isEqualTo(1);
    }

    @Test
    void lateChunksOfTheTransferAskedAgainAreDroppedAndDoNotMixIntoTheNewOne() {
        Deployment.Ha one = restartWithChunksHeld();
        List<byte[]> abandoned = d.network.take(Deployment.HACN);
        d.register("10.1.0.1", "203.0.113.201", 2000); // moved since the listing the abandoned chunks hold
        d.register("10.1.0.30", "203.0.113.230", 2000);
        d.run(Deployment.SNAPSHOT_STALL.minus(Deployment.TICK));
        d.network.takeDown(Deployment.HACN);
        d.run(Deployment.TICK); // asked again: the new chunks wait
        List<byte[]> fresh = d.network.take(Deployment.HACN).stream().filter(SnapshotReaskTest::chunk).toList();
        d.network.bringUp(Deployment.HACN);
        assertThat(fresh).hasSize(2);

        deliverLate(one, fresh.get(0));
        abandoned.forEach(chunk -> deliverLate(one, chunk));
        assertThat(d.view(1).sequence()).as("the abandoned transfer completed nothing").isEqualTo(2);
        deliverLate(one, fresh.get(1));
        d.run(Duration.ofSeconds(5));

        assertThat(d.core.counters().get("dropped-snapshot-chunk-not-asked")).isEqualTo(2);
        assertThat(d.core.bindings(1)).containsExactlyInAnyOrderElementsOf(one.store.list(b -> true));
        assertThat(d.core.bindings(1)).filteredOn(b -> b.homeAddress().equals(ip("10.1.0.1")))
                .extracting(Binding::careOfAddress).containsExactly(ip("203.0.113.201"));
        assertThat(d.core.counters().get("snapshot-reasks")).isEqualTo(1);
    }

    @Test
    void aSnapshotThatNeverComesIsAskedAgainWithBackoffWhileTheHaLives() {
        restartWithChunksHeld();
        d.network.lose(Deployment.HACN);
        d.network.loseWhere(SnapshotReaskTest::chunk);

        // stalled 10 s, then 20, 40, 80, and 80 (8 x 10 s) from then on
        d.run(Duration.ofSeconds(10 + 20 + 40 + 80 + 80).plus(Deployment.TICK));

        assertThat(d.core.counters().get("snapshot-reasks")).isEqualTo(5);
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.core.bindings(1)).as("the old records stay until a snapshot replaces them").hasSize(MOBILES);

        d.network.loseWhere(payload -> false);
        d.run(Duration.ofSeconds(80));
        assertThat(d.core.counters().get("snapshot-reasks")).isEqualTo(6);
        assertThat(d.core.bindings(1)).hasSize(MOBILES);
        d.run(Duration.ofSeconds(160));
        assertThat(d.core.counters().get("snapshot-reasks")).isEqualTo(6);
    }
}
