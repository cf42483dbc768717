package net.homeagent.mip6.ipsec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.support.SecretFile;

/**
 * The home agent's ESP security associations of etc/mip6-ipsec.conf, read at start and again when
 * the file changes ({@link SecretFile}; the node's timer calls {@link #reloadIfChanged} every
 * second), as the home agent reads etc/mobility-security.conf. A load swaps the whole database at
 * once and keeps the replay window and sequence counter of every line it did not change. A file
 * that cannot be read keeps the database loaded before; a missing file is an empty database. Bad
 * lines are logged at ERROR with their line number and skipped; keys are never logged.
 */
public final class SecurityAssociationFile implements Supplier<SecurityAssociationDatabase> {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityAssociationFile.class);

    private final SecretFile file;
    private volatile SecurityAssociationDatabase database = SecurityAssociationDatabase.EMPTY;
    private volatile List<String> problems = List.of();

    public SecurityAssociationFile(Path file) {
        this.file = new SecretFile(file);
        reload();
    }

    @Override
    public SecurityAssociationDatabase get() {
        return database;
    }

    public Path file() {
        return file.path();
    }

    /** The problems of the last load (line numbers and reasons, no keys). */
    public List<String> problems() {
        return problems;
    }

    public synchronized boolean reloadIfChanged() {
        if (!file.changed()) {
            return false;
        }
        reload();
        return true;
    }

    synchronized void reload() {
        Path path = file.path();
        String text;
        try {
            text = file.read(p -> Files.readString(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            LOG.warn("no MIPv6 IPsec associations file {}: no mobile node has an ESP security association", path);
            database = SecurityAssociationDatabase.EMPTY;
            problems = List.of("file not found: " + path);
            return;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot read MIPv6 IPsec associations file {} ({}); keeping the {} associations loaded before",
                    path, e.toString(), database.size());
            problems = List.of("cannot read " + path + ": " + e);
            return;
        }
        SecurityAssociationParser.Parsed parsed = SecurityAssociationParser.parse(text, path.toString());
        parsed.errors().forEach(problem -> LOG.error("{}", problem));
        if (parsed.database().size() > 0) {
            file.othersMayRead().ifPresent(LOG::warn);
        }
        database = parsed.database().keepingStateOf(database);
        problems = parsed.errors();
        LOG.info("loaded {} MIPv6 ESP security associations from {} ({} bad lines refused)",
                database.size(), path, parsed.errors().size());
    }
}
