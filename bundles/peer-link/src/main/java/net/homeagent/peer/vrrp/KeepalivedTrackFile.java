package net.homeagent.peer.vrrp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file keepalived tracks for our instance ({@code track_file} with {@code weight 0},
 * keepalived.conf(5): a non-zero value is a failure, so the instance goes to FAULT and gives up or
 * never takes the virtual address). It holds {@code 1} while the role may not hold the address (it
 * is still learning its state from its peers), {@code 0} when it may. Written whole and renamed into
 * place, so keepalived never reads half a value.
 */
public final class KeepalivedTrackFile {

    private final Path file;

    public KeepalivedTrackFile(Path file) {
        this.file = file;
    }

    /** Writes {@code 0} if the role may take the virtual address, {@code 1} if it may not. */
    public void mayTakeAddress(boolean may) {
        String value = may ? "0\n" : "1\n";
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

    public Path path() {
        return file;
    }
}
