package net.homeagent.peer.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's side: the notify FIFO lines it writes, the track file it reads. */
class KeepalivedTest {

    @TempDir
    Path folder;

    @Test
    void parsesTheLinesOfKeepalivedsNotifyFifo() {
        assertThat(KeepalivedNotice.parse("INSTANCE \"VI_1\" MASTER 100"))
                .contains(new KeepalivedNotice("INSTANCE", "VI_1", "MASTER"));
        assertThat(KeepalivedNotice.parse("GROUP \"G1\" FAULT")).contains(new KeepalivedNotice("GROUP", "G1", "FAULT"));
        assertThat(KeepalivedNotice.parse("INSTANCE VI_1 MASTER")).isEmpty();
        assertThat(KeepalivedNotice.parse("")).isEmpty();
    }

    @Test
    void everyStateButMasterMeansNotMaster() {
        assertThat(new KeepalivedNotice("INSTANCE", "VI_1", "MASTER").master()).isTrue();
        for (String state : List.of("BACKUP", "FAULT", "STOP", "DELETED")) {
            assertThat(new KeepalivedNotice("INSTANCE", "VI_1", state).master()).isFalse();
        }
    }

    @Test
    void theReaderPassesOnOurInstanceOnlyAndCountsGarbage() {
        Map<String, Integer> counters = new HashMap<>();
        List<KeepalivedNotice> notices = new ArrayList<>();
        KeepalivedFifoReader reader = new KeepalivedFifoReader(folder.resolve("fifo"), "VI_1", notices::add,
                name -> counters.merge(name, 1, Integer::sum),
                Clock.fixed(Instant.parse("2026-12-06T03:00:00Z"), ZoneOffset.UTC), "test");

        reader.line("INSTANCE \"VI_1\" MASTER 100");
        reader.line("INSTANCE \"VI_2\" MASTER 100");
        reader.line("GROUP \"VI_1\" MASTER");
        reader.line("\u0000garbage");

        assertThat(notices).containsExactly(new KeepalivedNotice("INSTANCE", "VI_1", "MASTER"));
        assertThat(counters).containsEntry("fifo-malformed", 1).containsEntry("keepalived-master", 1).hasSize(2);
    }

    @Test
    void theTrackFileHoldsOneWhileTheAddressMayNotBeTaken() throws Exception {
        KeepalivedTrackFile track = new KeepalivedTrackFile(folder.resolve("run/learning"));

        track.mayTakeAddress(false);
        assertThat(Files.readString(track.path()).strip()).isEqualTo("1");
        track.mayTakeAddress(true);
        assertThat(Files.readString(track.path()).strip()).isEqualTo("0");
        track.mayTakeAddress(false);
        assertThat(Files.readString(track.path()).strip()).isEqualTo("1");
        try (var files = Files.list(track.path().getParent())) {
            assertThat(files).hasSize(1);
        }
    }
}
