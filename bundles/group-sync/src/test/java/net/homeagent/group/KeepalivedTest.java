package net.homeagent.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.api.testing.MutableClock;

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
        assertThat(new KeepalivedNotice("INSTANCE", "VI_1", "MASTER").input()).isEqualTo(MemberInput.KEEPALIVED_MASTER);
        for (String state : List.of("BACKUP", "FAULT", "STOP", "DELETED")) {
            assertThat(new KeepalivedNotice("INSTANCE", "VI_1", state).input()).isEqualTo(MemberInput.KEEPALIVED_BACKUP);
        }
    }

    @Test
    void theReaderPassesOnOurInstanceOnlyAndCountsGarbage() {
        GroupCounters counters = new GroupCounters();
        List<KeepalivedNotice> notices = new ArrayList<>();
        KeepalivedFifoReader reader = new KeepalivedFifoReader(folder.resolve("fifo"), "VI_1", notices::add, counters,
                MutableClock.at("2026-12-06T03:00:00Z"));

        reader.line("INSTANCE \"VI_1\" MASTER 100");
        reader.line("INSTANCE \"VI_2\" MASTER 100");
        reader.line("GROUP \"VI_1\" MASTER");
        reader.line("\u0000garbage");

        assertThat(notices).containsExactly(new KeepalivedNotice("INSTANCE", "VI_1", "MASTER"));
        assertThat(counters.get("fifo-malformed")).isEqualTo(1);
        assertThat(counters.get("keepalived-master")).isEqualTo(1);
    }

    @Test
    void theTrackFileHoldsOneUntilTheMemberMayServe() throws Exception {
        KeepalivedTrackFile track = new KeepalivedTrackFile(folder.resolve("run/learning"));

        track.follow(MemberState.LEARN);
        assertThat(Files.readString(track.path()).strip()).isEqualTo("1");
        track.follow(MemberState.STANDBY);
        assertThat(Files.readString(track.path()).strip()).isEqualTo("0");
        track.follow(MemberState.PASSIVE);
        assertThat(Files.readString(track.path()).strip()).isEqualTo("1");
        track.follow(MemberState.ACTIVE);
        assertThat(Files.readString(track.path()).strip()).isEqualTo("0");
        try (var files = Files.list(track.path().getParent())) {
            assertThat(files).hasSize(1);
        }
    }
}
