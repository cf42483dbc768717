package net.homeagent.peer.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerKeysFileTest {

    private static final String LINE_1 = "1 hmac-sha256 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n";
    private static final String LINE_2 = "2 hmac-sha256 0xf0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f\n";

    @TempDir
    Path dir;

    private static void write(Path file, String text, int second) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
    }

    @Test
    void aMissingFileGivesNoKeysAndSaysSo() {
        PeerKeysFile file = new PeerKeysFile(dir.resolve("peer-keys.conf"));

        assertThat(file.get().isEmpty()).isTrue();
        assertThat(file.problems()).singleElement().asString().startsWith("file not found");
    }

    @Test
    void aChangedFileIsReloadedAndANewSendKeyTakesOver() throws Exception {
        Path path = dir.resolve("peer-keys.conf");
        write(path, LINE_1, 1);
        PeerKeysFile file = new PeerKeysFile(path);
        assertThat(file.reloadIfChanged()).isFalse();

        write(path, LINE_1 + LINE_2, 2);

        assertThat(file.reloadIfChanged()).isTrue();
        assertThat(file.get().sendKeyId()).isEqualTo(2);
        assertThat(file.get().has(1)).isTrue();
    }

    @Test
    void aReloadWithoutAnyKeyKeepsTheKeysLoadedBefore() throws Exception {
        Path path = dir.resolve("peer-keys.conf");
        write(path, LINE_1, 1);
        PeerKeysFile file = new PeerKeysFile(path);

        write(path, "# emptied by mistake\n", 2);
        file.reloadIfChanged();

        assertThat(file.get().has(1)).isTrue();
        assertThat(file.problems()).singleElement().asString().startsWith("no key in");
    }

    @Test
    void karafEtcIsResolved() {
        String before = System.getProperty("karaf.etc");
        System.setProperty("karaf.etc", "/opt/ha/etc");
        try {
            assertThat(PeerKeysFile.resolve("${karaf.etc}/peer-keys.conf")).isEqualTo(Path.of("/opt/ha/etc/peer-keys.conf"));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.etc");
            } else {
                System.setProperty("karaf.etc", before);
            }
        }
    }
}
