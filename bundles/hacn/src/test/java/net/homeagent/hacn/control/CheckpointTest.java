package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;

/** The control node's durable checkpoint (docs/hacn.md, "Durable snapshots"). */
class CheckpointTest {

    static final int MOBILES = 30;

    final Deployment d = new Deployment();

    @TempDir
    Path folder;

    static Binding binding(String home, Instant now) {
        return new Binding(ip(home), ip("203.0.113.9"), ip("192.0.2.1"), ip("203.0.113.9"), 434,
                Optional.of("mn@example.net"), 600, now.minusSeconds(100), now.plusSeconds(500), 7, 0x02,
                Encapsulation.GRE, true);
    }

    /** Writes the core's checkpoint to the file and reads it back, as a restart would. */
    CheckpointFile.Contents crashAndRead() throws Exception {
        Path file = folder.resolve("hacn/mbr.checkpoint");
        CheckpointFile.write(file, d.core.captureSince(-1).orElseThrow().agents(), d.clock.instant());
        assertThat(Files.list(file.getParent())).containsExactly(file); // no temporary file left
        return CheckpointFile.read(file);
    }

    @Test
    void everyFieldRoundTripsWithItsAbsoluteTimes() throws Exception {
        Instant now = Instant.parse("2026-12-06T06:00:00Z");
        List<CheckpointFile.Agent> agents = List.of(
                new CheckpointFile.Agent(1, AgentState.FAILED, 3, false, false, List.of(binding("10.1.0.1", now),
                        binding("10.1.0.2", now))),
                new CheckpointFile.Agent(2, AgentState.REJOINING, 0, true, true, List.of()));
        CheckpointFile.Contents read = CheckpointFile.decode(CheckpointFile.encode(agents, now));
        assertThat(read.writtenAt()).isEqualTo(now);
        assertThat(read.agents()).isEqualTo(agents);
    }

    @Test
    void aDamagedCheckpointIsRefusedWithItsFault() {
        Instant now = Instant.parse("2026-12-06T06:00:00Z");
        byte[] good = CheckpointFile.encode(List.of(new CheckpointFile.Agent(1, AgentState.ACTIVE, 0, false, false,
                List.of(binding("10.1.0.1", now)))), now);
        byte[] flipped = good.clone();
        flipped[30] ^= 1;
        assertThatThrownBy(() -> CheckpointFile.decode(flipped)).hasMessageContaining("CRC-32C mismatch");
        assertThatThrownBy(() -> CheckpointFile.decode(java.util.Arrays.copyOf(good, 40)))
                .hasMessageContaining("CRC-32C mismatch");
        assertThatThrownBy(() -> CheckpointFile.decode("not a checkpoint".getBytes()))
                .hasMessageContaining("HACNCKPT");
        assertThatThrownBy(() -> CheckpointFile.decode(new byte[3])).hasMessageContaining("HACNCKPT");
    }

    @Test
    void aRestartedControlNodeKeepsTheSuccessorsAndRoutesToThemAtOnce() throws Exception {
        d.ha(1, false);
        d.ha(2, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.kill(1);
        d.run(Duration.ofSeconds(4));
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(2));

        CheckpointFile.Contents saved = crashAndRead();
        d.startControlNode(core -> core.restore(saved));

        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(2));
        assertThat(d.view(2).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(2).bindings()).isEqualTo(MOBILES);
        assertThat(d.core.counters().get("checkpoint-restored")).isEqualTo(1);
        d.replies.clear();
        d.registerMobiles(MOBILES, 1000); // before HA 2 is heard again
        assertThat(d.has.get(2).decided).hasSize(MOBILES);
        assertThat(d.replies).hasSize(MOBILES).allSatisfy(r -> assertThat(r.reply().code()).isZero());
    }

    @Test
    void anHaThatDiesWhileTheControlNodeIsDownIsTakenOverFromTheCheckpoint() throws Exception {
        d.ha(1, false);
        d.ha(2, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        CheckpointFile.Contents saved = crashAndRead();
        d.kill(1); // while the control node restarts

        d.startControlNode(core -> core.restore(saved));
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        d.run(Duration.ofSeconds(4));

        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(2));
        assertThat(d.has.get(2).store.size()).isEqualTo(MOBILES);
        assertThat(d.has.get(2).store.find(ip("10.1.0.3"))).extracting(Binding::careOfAddress)
                .containsExactly(ip("203.0.113.3"));
    }

    @Test
    void anHaHeardAfterTheRestartReplacesItsCheckpointedRecordsWithItsTable() throws Exception {
        d.ha(1, false);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        CheckpointFile.Contents saved = crashAndRead();
        d.has.get(1).store.removeAll(ip("10.1.0.4"), net.homeagent.mip.api.RemovalReason.DEREGISTERED);
        d.network.lose(Deployment.HACN); // its report went to the dead control node

        d.startControlNode(core -> core.restore(saved));
        assertThat(d.view(1).bindings()).isEqualTo(MOBILES);
        d.run(Duration.ofSeconds(2));
        assertThat(d.view(1).bindings()).isEqualTo(MOBILES - 1);
        assertThat(d.core.bindings(1)).extracting(Binding::homeAddress).doesNotContain(ip("10.1.0.4"));
    }

    @Test
    void aDamagedFileIsMovedAsideAndTheControlNodeStartsEmpty() throws Exception {
        Path file = folder.resolve("mbr.checkpoint");
        Files.write(file, new byte[] {'H', 'A', 'C', 'N', 'C', 'K', 'P', 'T', 1, 2, 3, 4, 5});
        Checkpoints.Loaded loaded = Checkpoints.load(file);
        assertThat(loaded.contents()).isEmpty();
        assertThat(loaded.summary()).isEqualTo("damaged, moved aside: CRC-32C mismatch: the file is damaged or was cut"
                + " short");
        assertThat(file).doesNotExist();
        assertThat(folder.resolve("mbr.checkpoint.damaged")).exists();
        assertThat(Checkpoints.load(file).summary()).isEqualTo("none (first start)");
    }

    @Test
    void anOrderlyStopWritesTheLastCheckpointWhichTheNextStartReads() throws Exception {
        d.ha(1, false);
        d.ha(2, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        Path file = folder.resolve("hacn/mbr.checkpoint");
        Checkpoints checkpoints = new Checkpoints(file, Duration.ofHours(1), d.core, d.clock,
                new Checkpoints.Loaded(Optional.empty(), "none (first start)"));
        checkpoints.close();
        assertThat(checkpoints.status().writes()).isEqualTo(1);
        assertThat(checkpoints.status().lastWritten()).contains(d.clock.instant());

        Checkpoints.Loaded loaded = Checkpoints.load(file);
        assertThat(loaded.summary()).isEqualTo("2 HAs of " + d.clock.instant());
        d.core.close();
        d.startControlNode(core -> core.restore(loaded.contents().orElseThrow()));
        assertThat(d.view(1).bindings()).isEqualTo(MOBILES);
        assertThat(d.view(2).state()).isEqualTo(AgentState.STANDING_BY);
    }

    @Test
    void aMissingFolderIsMadeAndTheFileReplacedWhole() throws Exception {
        d.ha(1, false);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        crashAndRead();
        long first = Files.size(folder.resolve("hacn/mbr.checkpoint"));
        d.has.get(1).store.clear(net.homeagent.mip.api.RemovalReason.CLEARED);
        d.network.deliverAll();
        assertThat(crashAndRead().agents().get(0).bindings()).isEmpty();
        assertThat(Files.size(folder.resolve("hacn/mbr.checkpoint"))).isLessThan(first);
    }
}
