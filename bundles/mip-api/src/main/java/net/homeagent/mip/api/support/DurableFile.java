package net.homeagent.mip.api.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a whole file so that after a crash or a power cut its name holds either the old content
 * or the new one, never a mix and never an empty file: the content goes to a temporary file beside
 * it (a unique name, so two writers of different files in one folder cannot meet), is forced to
 * disk, is renamed over the file (an atomic rename within one file system), and the folder is
 * forced so that the rename itself is on disk. Checkpoints, exports and rewritten journals of every
 * role are written this way.
 */
public final class DurableFile {

    /** What goes into the file; its answer is handed back by {@link #replace(Path, Content)}. */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    private DurableFile() {
    }

    /** {@link #replace(Path, Content)} with these octets. */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, out -> {
            out.write(content);
            return null;
        });
    }

    /**
     * Writes {@code content} to {@code file} (creating its folder), durably.
     *
     * @return what {@code content} answered
     * @throws IOException the file keeps its old content (the temporary file is removed)
     */
    public static <T> T replace(Path file, Content<T> content) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, target.getFileName().toString(), ".new");
        try {
            T answer;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                // not closed here: closing the stream would close the channel before its force
                OutputStream out = Channels.newOutputStream(channel);
                answer = content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceFolder(folder);
            return answer;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void forceFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
