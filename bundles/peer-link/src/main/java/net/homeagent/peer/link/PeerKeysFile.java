package net.homeagent.peer.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of etc/peer-keys.conf, read at start and again when the file's modification time,
 * size or inode changes (the caller polls {@link #reloadIfChanged}), as the home agent reads
 * etc/mobility-security.conf. A load swaps the whole key set at once. A load that gives no key at
 * all (file missing, unreadable, or every line bad) keeps the keys loaded before: a running link
 * that lost its keys could neither sign nor accept anything. Keys are never logged. The version
 * and permissions checks are those of mip-api's {@code SecretFile}, which the home agent and the
 * MIPv6 node share; the peer link depends on Netty only (bundles/README.md), so it keeps its own.
 */
final class PeerKeysFile implements Supplier<PeerKeys> {

    static final int POLL_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(PeerKeysFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final Path file;
    private volatile PeerKeys keys = PeerKeys.NONE;
    private volatile List<String> problems = List.of();
    private Optional<FileVersion> version = Optional.empty();

    PeerKeysFile(Path file) {
        this.file = file;
        reload();
    }

    /** {@code configured} with {@code ${karaf.etc}} replaced by the karaf.etc system property (else "etc"). */
    static Path resolve(String configured) {
        return Path.of(configured.trim().replace("${karaf.etc}", System.getProperty("karaf.etc", "etc")));
    }

    @Override
    public PeerKeys get() {
        return keys;
    }

    Path file() {
        return file;
    }

    /** The problems of the last load, without keys. */
    List<String> problems() {
        return problems;
    }

    synchronized boolean reloadIfChanged() {
        if (versionOf(file).equals(version)) {
            return false;
        }
        reload();
        return true;
    }

    synchronized void reload() {
        version = versionOf(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            keepPrevious(List.of("file not found: " + file));
            return;
        } catch (IOException | RuntimeException e) {
            keepPrevious(List.of("cannot read " + file + ": " + e));
            return;
        }
        PeerKeysParser.Parsed parsed = PeerKeysParser.parse(text, file.toString());
        parsed.errors().forEach(problem -> LOG.error("{}", problem));
        if (parsed.keys().isEmpty()) {
            keepPrevious(parsed.errors().isEmpty() ? List.of("no key in " + file) : parsed.errors());
            return;
        }
        warnUnlessOwnerOnly();
        problems = parsed.errors();
        if (!parsed.keys().sameAs(keys)) {
            keys = parsed.keys();
            LOG.info("loaded peer link keys from {}: {} ({} bad lines skipped)", file, keys, parsed.errors().size());
        }
    }

    private void keepPrevious(List<String> why) {
        problems = why;
        if (keys.isEmpty()) {
            LOG.error("no peer link key: {}", String.join("; ", why));
        } else {
            LOG.error("peer link keys not reloaded ({}); keeping {}", String.join("; ", why), keys);
        }
    }

    private void warnUnlessOwnerOnly() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                LOG.warn("{} holds secret keys but is mode {}: chmod 600", file,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot check the permissions of {}", file, e);
        }
    }

    /**
     * The file's modification time, size and file key (inode): a key file replaced by a rename
     * within the same second and of the same size is still a new version. Empty when missing.
     */
    private static Optional<FileVersion> versionOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new FileVersion(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private record FileVersion(FileTime modified, long size, Object fileKey) {
    }
}
