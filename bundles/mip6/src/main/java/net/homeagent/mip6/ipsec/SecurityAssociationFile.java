package net.homeagent.mip6.ipsec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent's ESP security associations of etc/mip6-ipsec.conf, read at start and again when
 * the file's modification time, size or inode changes (the node's timer calls
 * {@link #reloadIfChanged} every second), as the home agent reads etc/mobility-security.conf. A
 * load swaps the whole database at once and keeps the replay window and sequence counter of every
 * line it did not change. A file that cannot be read keeps the database loaded before; a missing
 * file is an empty database. Bad lines are logged at ERROR with their line number and skipped;
 * keys are never logged.
 */
public final class SecurityAssociationFile implements Supplier<SecurityAssociationDatabase> {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityAssociationFile.class);

    private final Path file;
    private volatile SecurityAssociationDatabase database = SecurityAssociationDatabase.EMPTY;
    private volatile List<String> problems = List.of();
    private Optional<FileVersion> version = Optional.empty();

    private record FileVersion(Object inode, long modified, long size) {
    }

    public SecurityAssociationFile(Path file) {
        this.file = file;
        reload();
    }

    @Override
    public SecurityAssociationDatabase get() {
        return database;
    }

    public Path file() {
        return file;
    }

    /** The problems of the last load (line numbers and reasons, no keys). */
    public List<String> problems() {
        return problems;
    }

    public synchronized boolean reloadIfChanged() {
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
            LOG.warn("no MIPv6 IPsec associations file {}: no mobile node has an ESP security association", file);
            database = SecurityAssociationDatabase.EMPTY;
            problems = List.of("file not found: " + file);
            return;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot read MIPv6 IPsec associations file {} ({}); keeping the {} associations loaded before",
                    file, e.toString(), database.size());
            problems = List.of("cannot read " + file + ": " + e);
            return;
        }
        SecurityAssociationParser.Parsed parsed = SecurityAssociationParser.parse(text, file.toString());
        parsed.errors().forEach(problem -> LOG.error("{}", problem));
        if (parsed.database().size() > 0) {
            warnIfOthersCanRead();
        }
        database = parsed.database().keepingStateOf(database);
        problems = parsed.errors();
        LOG.info("loaded {} MIPv6 ESP security associations from {} ({} bad lines refused)",
                database.size(), file, parsed.errors().size());
    }

    private void warnIfOthersCanRead() {
        try {
            if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("{} holds secret keys but every user of this host can read it: chmod o-r", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot check the permissions of {}", file, e);
        }
    }

    private static Optional<FileVersion> versionOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new FileVersion(attributes.fileKey(), attributes.lastModifiedTime().toMillis(),
                    attributes.size()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
