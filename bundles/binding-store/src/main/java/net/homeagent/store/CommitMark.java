package net.homeagent.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * A small file beside the backup naming the newest MVStore version known to be on disk. MVStore
 * itself silently falls back to the newest intact commit when a file was truncated or its tail
 * damaged; comparing with this mark is how such a loss is noticed and reported.
 * <p>
 * The mark is written only after its version was forced to disk, so it can lag behind the backup
 * but never run ahead of it; it is not forced itself: if a crash loses it, an older or missing mark
 * only makes the check weaker, never wrong.
 */
final class CommitMark {

    private final Path file;

    CommitMark(Path backupFile) {
        this.file = backupFile.resolveSibling(backupFile.getFileName() + ".commit");
    }

    Path file() {
        return file;
    }

    /** The version recorded, or empty if there is no readable mark. */
    OptionalLong read() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException absentOrTorn) {
            return OptionalLong.empty();
        }
    }

    /** Records {@code version}; a failure only weakens the next start's check, so it is not thrown. */
    boolean write(long version) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.writeString(partial, Long.toString(version), StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
