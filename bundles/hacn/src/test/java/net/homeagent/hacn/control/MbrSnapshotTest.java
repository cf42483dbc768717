package net.homeagent.hacn.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.wire.HacnMessage.ChangeReport;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

class MbrSnapshotTest {

    static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    static final Duration GAP = Duration.ofSeconds(2);

    final Map<Inet4Address, Boolean> holds = new HashMap<>();
    final MbrSnapshot mbr = new MbrSnapshot((home, bindings) -> holds.put(home, !bindings.isEmpty()));

    static Inet4Address ip(String text) {
        return Ipv4.parse(text).orElseThrow();
    }

    static Binding binding(String home, String careOf) {
        return new Binding(ip(home), ip(careOf), ip("192.0.2.1"), ip(careOf), 434, Optional.empty(), 600, NOW,
                NOW.plusSeconds(600), 1, 0, Encapsulation.IP_IN_IP, false);
    }

    static ChangeReport report(long sequence, String home, String... careOfs) {
        return new ChangeReport(sequence, ip(home), java.util.Arrays.stream(careOfs).map(c -> binding(home, c)).toList());
    }

    @Test
    void reportsApplyInSequenceOrderWhateverOrderTheyArriveIn() {
        assertThat(mbr.report(report(2, "10.1.0.1", "203.0.113.2"), NOW)).isTrue();
        assertThat(mbr.find(ip("10.1.0.1"))).as("waits for 1").isEmpty();
        mbr.report(report(1, "10.1.0.1", "203.0.113.1"), NOW);
        mbr.report(report(3, "10.1.0.2", "203.0.113.1", "203.0.113.9"), NOW);

        assertThat(mbr.find(ip("10.1.0.1")).orElseThrow()).extracting(Binding::careOfAddress)
                .containsExactly(ip("203.0.113.2"));
        assertThat(mbr.bindings()).isEqualTo(3);
        assertThat(mbr.homeAddresses()).isEqualTo(2);
        assertThat(mbr.report(report(2, "10.1.0.1"), NOW)).as("stale").isFalse();

        mbr.report(report(4, "10.1.0.2"), NOW);
        assertThat(mbr.find(ip("10.1.0.2"))).isEmpty();
        assertThat(mbr.bindings()).isEqualTo(1);
        assertThat(holds).containsEntry(ip("10.1.0.2"), false).containsEntry(ip("10.1.0.1"), true);
        assertThat(mbr.gapOpenFor(Duration.ZERO, NOW)).isFalse();
    }

    @Test
    void aGapThatStaysOpenAsksForTheWholeTableAndReportsNewerThanItApplyAgain() {
        mbr.report(report(1, "10.1.0.1", "203.0.113.1"), NOW);
        mbr.report(report(3, "10.1.0.3", "203.0.113.3"), NOW); // 2 is lost
        assertThat(mbr.gapOpenFor(GAP, NOW.plusMillis(1999))).isFalse();
        assertThat(mbr.gapOpenFor(GAP, NOW.plus(GAP))).isTrue();

        mbr.snapshotRequested(7, NOW);
        assertThat(mbr.gapOpenFor(GAP, NOW.plus(GAP))).as("a snapshot is on its way").isFalse();
        mbr.report(report(5, "10.1.0.1"), NOW); // newer than the snapshot: applies after it
        assertThat(mbr.chunk(new SnapshotChunk(8, 0, 1, 4, List.of()), NOW)).as("not the transfer asked for").isFalse();
        mbr.chunk(new SnapshotChunk(7, 1, 2, 4, List.of(binding("10.1.0.2", "203.0.113.2"))), NOW);
        assertThat(mbr.find(ip("10.1.0.2"))).as("not before the last chunk").isEmpty();
        mbr.chunk(new SnapshotChunk(7, 0, 2, 4, List.of(binding("10.1.0.1", "203.0.113.1"),
                binding("10.1.0.3", "203.0.113.3"))), NOW);

        assertThat(mbr.find(ip("10.1.0.2"))).isPresent();
        assertThat(mbr.find(ip("10.1.0.3"))).isPresent();
        assertThat(mbr.find(ip("10.1.0.1"))).as("report 5 removed it after the snapshot of 4").isEmpty();
        assertThat(mbr.appliedSequence()).isEqualTo(5);
        assertThat(mbr.gapOpenFor(Duration.ZERO, NOW)).isFalse();
    }

    @Test
    void reportsAppliedWhileASnapshotOlderThanThemWasOnItsWayApplyAgainOnTopOfIt() {
        mbr.report(report(1, "10.1.0.1", "203.0.113.1"), NOW);
        mbr.snapshotRequested(3, NOW);
        // the HA listed its table at sequence 2; reports 2 and 3 reach the control node before the chunk
        mbr.report(report(2, "10.1.0.1", "203.0.113.2"), NOW);
        mbr.report(report(3, "10.1.0.2", "203.0.113.3"), NOW);
        mbr.announced(3, NOW);
        mbr.chunk(new SnapshotChunk(3, 0, 1, 2, List.of(binding("10.1.0.1", "203.0.113.2"))), NOW);

        assertThat(mbr.find(ip("10.1.0.2")).orElseThrow()).as("report 3, newer than the snapshot")
                .extracting(Binding::careOfAddress).containsExactly(ip("203.0.113.3"));
        assertThat(mbr.find(ip("10.1.0.1")).orElseThrow()).extracting(Binding::careOfAddress)
                .containsExactly(ip("203.0.113.2"));
        assertThat(mbr.appliedSequence()).isEqualTo(3);
        assertThat(mbr.complete()).as("exact: nothing missing, nothing stale").isTrue();
        assertThat(holds).containsEntry(ip("10.1.0.2"), true);
    }

    @Test
    void aHeartbeatNamingReportsNotYetSeenOpensAGapAndARestartStartsTheSequenceAgain() {
        mbr.report(report(1, "10.1.0.1", "203.0.113.1"), NOW);
        mbr.announced(2, NOW);
        assertThat(mbr.gapOpenFor(GAP, NOW.plus(GAP))).isTrue();
        mbr.report(report(2, "10.1.0.2", "203.0.113.1"), NOW);
        assertThat(mbr.gapOpenFor(Duration.ZERO, NOW)).isFalse();

        mbr.restarted();
        assertThat(mbr.report(report(1, "10.1.0.5", "203.0.113.1"), NOW)).isTrue();
        assertThat(mbr.bindings()).as("the old table stays until the new snapshot").isEqualTo(3);
        mbr.snapshotRequested(1, NOW);
        mbr.chunk(new SnapshotChunk(1, 0, 1, 1, List.of(binding("10.1.0.5", "203.0.113.1"))), NOW);
        assertThat(mbr.all()).extracting(Binding::homeAddress).containsExactly(ip("10.1.0.5"));
        assertThat(holds).containsEntry(ip("10.1.0.1"), false);
    }

    @Test
    void aSnapshotWithoutNewChunksIsStalledAfterTheStallTimeDoubledForEachReaskUpToEightTimes() {
        mbr.snapshotRequested(1, NOW);
        Duration stall = Duration.ofSeconds(10);
        assertThat(mbr.transferStalled(stall, NOW.plusMillis(9999))).isFalse();
        assertThat(mbr.transferStalled(stall, NOW.plusSeconds(10))).isTrue();
        assertThat(mbr.whyIncomplete()).contains("its snapshot (transfer 1) has 0 chunks, asked again 0 times");

        mbr.snapshotRequested(2, NOW.plusSeconds(10)); // asked again: the same episode
        mbr.chunk(new SnapshotChunk(2, 0, 3, 0, List.of(binding("10.1.0.1", "203.0.113.1"))), NOW.plusSeconds(25));
        assertThat(mbr.transferStalled(stall, NOW.plusSeconds(44))).as("20 s after its last new chunk").isFalse();
        mbr.chunk(new SnapshotChunk(2, 0, 3, 0, List.of(binding("10.1.0.1", "203.0.113.1"))), NOW.plusSeconds(40));
        assertThat(mbr.transferStalled(stall, NOW.plusSeconds(45))).as("a chunk again is no progress").isTrue();
        assertThat(mbr.whyIncomplete()).contains("its snapshot (transfer 2) has 1 of 3 chunks, asked again 1 times");

        mbr.snapshotRequested(3, NOW.plusSeconds(45));
        mbr.snapshotRequested(4, NOW.plusSeconds(85));
        assertThat(mbr.reasks()).isEqualTo(3);
        assertThat(mbr.transferStalled(stall, NOW.plusSeconds(85 + 79))).isFalse();
        assertThat(mbr.transferStalled(stall, NOW.plusSeconds(85 + 80))).isTrue();
        mbr.snapshotRequested(5, NOW.plusSeconds(165));
        assertThat(mbr.transferStalled(stall, NOW.plusSeconds(165 + 80))).as("8 x at most").isTrue();

        assertThat(mbr.chunk(new SnapshotChunk(4, 0, 1, 0, List.of()), NOW)).as("a transfer asked before").isFalse();
        mbr.chunk(new SnapshotChunk(5, 0, 1, 0, List.of(binding("10.1.0.2", "203.0.113.2"))), NOW.plusSeconds(170));
        assertThat(mbr.complete()).isTrue();
        assertThat(mbr.whyIncomplete()).isEmpty();
        assertThat(mbr.transferStalled(stall, NOW.plusSeconds(1000))).isFalse();

        mbr.snapshotRequested(6, NOW.plusSeconds(200)); // a new episode
        assertThat(mbr.reasks()).isZero();
    }

    @Test
    void anActivatedDownloadAddsItsRecordsButNotTheHomesReportedMeanwhileNorTheExpired() {
        mbr.report(report(1, "10.1.0.9", "203.0.113.9"), NOW); // the HA's own, before the download
        mbr.downloadStarted();
        mbr.report(report(2, "10.1.0.2"), NOW); // expired at the HA after its chunk was applied: newer
        Binding lapsed = new Binding(ip("10.1.0.3"), ip("203.0.113.3"), ip("192.0.2.1"), ip("203.0.113.3"), 434,
                Optional.empty(), 600, NOW.minusSeconds(600), NOW.plusSeconds(5), 1, 0, Encapsulation.IP_IN_IP, false);

        mbr.downloadActivated(List.of(binding("10.1.0.1", "203.0.113.1"), binding("10.1.0.1", "203.0.113.7"),
                binding("10.1.0.2", "203.0.113.2"), lapsed), NOW.plusSeconds(5));

        assertThat(mbr.find(ip("10.1.0.1")).orElseThrow()).extracting(Binding::careOfAddress)
                .containsExactly(ip("203.0.113.1"), ip("203.0.113.7"));
        assertThat(mbr.find(ip("10.1.0.2"))).isEmpty();
        assertThat(mbr.find(ip("10.1.0.3"))).as("its lifetime ran out on the way").isEmpty();
        assertThat(mbr.bindings()).isEqualTo(3);
        assertThat(holds).containsEntry(ip("10.1.0.1"), true);

        mbr.report(report(3, "10.1.0.1"), NOW); // after the activation, reports are applied as always
        assertThat(mbr.find(ip("10.1.0.1"))).isEmpty();
        assertThat(mbr.complete()).isTrue();
    }
}
