package net.homeagent.delegation.pha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.codec.wire.Ipv4;

class DelegationCheckpointTest {

    @TempDir
    Path folder;

    static Inet4Address ip(String text) {
        return Ipv4.parse(text).orElseThrow();
    }

    @Test
    void whatIsWrittenIsReadBackAndNoFileIsAFirstStart() throws Exception {
        DelegationCheckpoint checkpoint = new DelegationCheckpoint(folder.resolve("delegation/pha.checkpoint"));
        assertThat(checkpoint.read()).isEmpty();
        checkpoint.write(Map.of(ip("10.1.1.8"), 3, ip("10.1.1.7"), 2));
        assertThat(checkpoint.read()).isEqualTo(Map.of(ip("10.1.1.7"), 2, ip("10.1.1.8"), 3));
        assertThat(Files.readAllLines(checkpoint.file())).containsExactly(DelegationCheckpoint.FIRST_LINE,
                "10.1.1.7 2", "10.1.1.8 3", "end 2");
        checkpoint.write(Map.of());
        assertThat(checkpoint.read()).isEmpty();
        assertThat(Files.list(checkpoint.file().getParent())).hasSize(1); // no temporary file left
    }

    @Test
    void aCheckpointCutShortOrDamagedIsRefusedWithWhy() throws IOException {
        assertThat(refused(DelegationCheckpoint.FIRST_LINE + "\n10.1.1.7 2\n")).contains("no end line");
        assertThat(refused(DelegationCheckpoint.FIRST_LINE + "\n10.1.1.7 2\nend 2\n")).contains("end says 2 entries, 1");
        assertThat(refused(DelegationCheckpoint.FIRST_LINE + "\n10.1.1.7 two\nend 1\n")).contains("line 2");
        assertThat(refused(DelegationCheckpoint.FIRST_LINE + "\n10.1.1.300 2\nend 1\n")).contains("line 2");
        assertThat(refused(DelegationCheckpoint.FIRST_LINE + "\nend 0\n10.1.1.7 2\n")).contains("end says 0");
        assertThat(refused("mbr checkpoint 1\nend 0\n")).contains("not a delegation checkpoint");
    }

    private String refused(String text) throws IOException {
        Path file = folder.resolve("damaged");
        Files.writeString(file, text);
        DelegationCheckpoint checkpoint = new DelegationCheckpoint(file);
        assertThatThrownBy(checkpoint::read).isInstanceOf(IOException.class);
        try {
            checkpoint.read();
            return "";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
