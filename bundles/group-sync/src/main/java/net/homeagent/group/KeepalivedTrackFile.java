package net.homeagent.group;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file keepalived tracks for our instance ({@code track_file} with {@code weight 0},
 * keepalived.conf(5): a non-zero value is a failure, so the instance goes to FAULT and gives up or
 * never takes the virtual address). It holds {@code 1} until the member has learned the table and
 * while it is passive, {@code 0} when the member may serve. Written whole and renamed into place,
 * so keepalived never reads half a value.
 */
final class KeepalivedTrackFile {

    private final Path file;

    KeepalivedTrackFile(Path file) {
        this.file = file;
    }

    /** Writes the value for {@code state}. */
    void follow(MemberState state) {
        String value = state.mayTakeAddress() ? "0\n" : "1\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, value, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keepalived's track file " + file, e);
        }
    }

    Path path() {
        return file;
    }
}
