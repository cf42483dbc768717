package net.homeagent.mip.api.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A file of secret keys in etc/ (the mobility security associations, the peer link's keys, the
 * MIPv6 ESP associations) that its owner reads at start and again whenever it changes: the one
 * place that decides what "changed" means, tells when others may read the keys, and polls.
 *
 * <p>A version of the file is its modification time, size and file key (inode), read without
 * opening it: a file replaced by a rename within the same second and of the same size is still a
 * new version, and a missing file is a version too (its return is a change). The owner parses and
 * decides what a bad or missing file means for it; this class never reads a key into a log.
 */
public final class SecretFile {

    /** How often {@link #watch} looks at the file. */
    public static final int POLL_SECONDS = 2;

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** How the owner reads the file's content. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Path file) throws IOException;
    }

    private final Path path;
    /** The version last read; empty before the first read (and while the file was missing then). */
    private Optional<Version> read = Optional.empty();
    private boolean readOnce;

    public SecretFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Whether the file is not the version last {@link #read} (always, before the first read). */
    public synchronized boolean changed() {
        return !readOnce || !versionOf(path).equals(read);
    }

    /**
     * Notes the file's version, then reads it with {@code reader}: a change made while it reads is
     * a change the next {@link #changed} sees. A failed read counts as read too, so that a broken
     * file is not read again every poll, only when it changes.
     */
    public synchronized <T> T read(Reader<T> reader) throws IOException {
        read = versionOf(path);
        readOnce = true;
        return reader.read(path);
    }

    /**
     * What to warn about when anyone but the file's owner may read it (it holds keys); empty when
     * only the owner may, or where the file system has no POSIX permissions.
     */
    public Optional<String> othersMayRead() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return OWNER_ONLY.containsAll(permissions) ? Optional.empty()
                    : Optional.of(path + " holds secret keys but is mode " + PosixFilePermissions.toString(permissions)
                            + ": chmod 600");
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs {@code reloadIfChanged} every {@value #POLL_SECONDS} s on a daemon thread named
     * {@code threadName} until the returned executor is shut down. A check that throws is handed to
     * {@code failed} and the polling goes on (an exception would cancel a periodic task).
     */
    public ScheduledExecutorService watch(String threadName, Runnable reloadIfChanged,
            Consumer<RuntimeException> failed) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                reloadIfChanged.run();
            } catch (RuntimeException e) {
                failed.accept(e);
            }
        }, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
        return executor;
    }

    private static Optional<Version> versionOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Version(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private record Version(FileTime modified, long size, Object fileKey) {
    }
}
