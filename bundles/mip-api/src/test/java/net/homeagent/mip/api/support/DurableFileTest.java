package net.homeagent.mip.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFileTest {

    @TempDir
    Path folder;

    @Test
    void replacesTheWholeFileAndCreatesItsFolder() throws IOException {
        Path file = folder.resolve("state/checkpoint");
        DurableFile.replace(file, "a much longer first content".getBytes(StandardCharsets.US_ASCII));
        DurableFile.replace(file, "second".getBytes(StandardCharsets.US_ASCII));

        assertThat(Files.readString(file)).isEqualTo("second");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void handsBackWhatTheContentAnswered() throws IOException {
        Path file = folder.resolve("export");
        int written = DurableFile.replace(file, out -> {
            out.write(new byte[] {1, 2, 3});
            return 3;
        });
        assertThat(written).isEqualTo(3);
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }

    @Test
    void aFailingWriterLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path file = folder.resolve("checkpoint");
        DurableFile.replace(file, "old".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> DurableFile.replace(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(Files.list(folder)).containsExactly(file);
    }

    @Test
    void twoFilesOfOneFolderKeepTheirOwnContent() throws IOException {
        // a fixed temporary name ("<folder>/x.new") would let two writers of one folder meet
        Path first = folder.resolve("mip6-bindings.journal");
        Path second = folder.resolve("mip6-cn-bindings.journal");
        DurableFile.replace(first, out -> {
            DurableFile.replace(second, "cn".getBytes(StandardCharsets.US_ASCII));
            out.write("ha".getBytes(StandardCharsets.US_ASCII));
            return null;
        });
        assertThat(Files.readString(first)).isEqualTo("ha");
        assertThat(Files.readString(second)).isEqualTo("cn");
    }
}
