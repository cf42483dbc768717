package net.homeagent.ha.security;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.ha.HomeAgentConfig;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.api.support.KarafFolder;

/**
 * The mobility security associations (RFC 5944 §3.5) of etc/mobility-security.conf. The file is
 * read at start and again whenever its modification time or size changes (polled every
 * {@value #POLL_SECONDS} s); a reload replaces the whole set at once, so a lookup sees either
 * the old file or the new one. A file that cannot be read leaves the previous set in place.
 * Bad lines are logged at ERROR with file and line number and skipped; keys are never logged.
 */
@Component(service = SecurityAssociations.class, configurationPid = HomeAgentConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SecurityAssociationFile implements SecurityAssociations {

    static final int POLL_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SecurityAssociationFile.class);

    private final Path file;
    /** What a missing file means for registrations, for the operator's log. */
    private final String withoutFile;
    private final Clock clock;
    private final Optional<ScheduledExecutorService> watcher;
    private volatile Loaded loaded;

    @Activate
    public SecurityAssociationFile(HomeAgentConfig config) {
        this(KarafFolder.ETC.resolve(config.securityAssociationsFile()), Clock.systemUTC(), true);
    }

    SecurityAssociationFile(Path file, Clock clock, boolean watch) {
        this(file, "every registration will fail authentication (131)", clock, watch);
    }

    /** @param watch whether to poll the file for changes (tests call {@link #reloadIfChanged()} themselves) */
    SecurityAssociationFile(Path file, String withoutFile, Clock clock, boolean watch) {
        this.file = file;
        this.withoutFile = withoutFile;
        this.clock = clock;
        this.loaded = Loaded.NOTHING;
        reload();
        this.watcher = watch ? Optional.of(startWatching()) : Optional.empty();
    }

    private ScheduledExecutorService startWatching() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ha-security-associations-watch");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::reloadIfChangedSafely, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
        return executor;
    }

    @Deactivate
    void stop() {
        watcher.ifPresent(ScheduledExecutorService::shutdownNow);
    }

    /** Reads the file again if its modification time or size changed since the last load. */
    public synchronized boolean reloadIfChanged() {
        if (stampOf(file).equals(loaded.stamp())) {
            return false;
        }
        reload();
        return true;
    }

    private void reloadIfChangedSafely() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            // an exception would cancel the periodic task: keep watching
            LOG.error("checking {} for changes failed", file, e);
        }
    }

    /** Reads the file now and replaces every association at once. */
    public synchronized void reload() {
        Stamp stamp = stampOf(file);
        Instant now = clock.instant();
        long started = System.nanoTime(); // a duration for the operator's log, not a time of the protocol
        SecurityAssociationParser.Parsed parsed;
        try {
            parsed = SecurityAssociationParser.parse(FileBytes.read(file), file.toString());
        } catch (NoSuchFileException e) {
            LOG.warn("no security associations file {}: {}", file, withoutFile);
            loaded = new Loaded(SecurityAssociationTable.EMPTY, stamp, now, List.of("file not found: " + file));
            return;
        } catch (IOException | RuntimeException e) {
            // e.g. unreadable, or not UTF-8: keep what was loaded before rather than lock every node out
            LOG.error("cannot read security associations file {} ({}); keeping the {} associations loaded before",
                    file, e.toString(), loaded.table().size());
            loaded = new Loaded(loaded.table(), stamp, now, List.of("cannot read " + file + ": " + e));
            return;
        }
        parsed.errors().forEach(problem -> LOG.error("{}", problem));
        parsed.warnings().forEach(warning -> LOG.warn("{}", warning));
        SecurityAssociationTable table = parsed.table();
        if (table.size() > 0) {
            // the file as shipped holds only comments: nothing to protect until keys are added
            warnIfOthersCanRead();
        }
        loaded = new Loaded(table, stamp, now, parsed.errors());
        LOG.info("loaded {} mobility security associations from {} in {} ms ({} bad lines skipped)", table.size(),
                file, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), parsed.errors().size());
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

    @Override
    public Optional<SecurityAssociation> forHomeAddress(Inet4Address homeAddress, long spi) {
        return loaded.table().forHomeAddress(homeAddress, spi);
    }

    @Override
    public Optional<SecurityAssociation> forNai(String nai, long spi) {
        return loaded.table().forNai(nai, spi);
    }

    @Override
    public List<SecurityAssociationInfo> describeAll() {
        return loaded.table().describeAll();
    }

    /** The associations of the last load, swapped whole by a reload. */
    SecurityAssociationTable table() {
        return loaded.table();
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** How many problems the last load had: bad lines, or a missing or unreadable file. */
    public int loadErrors() {
        return loaded.problems().size();
    }

    /** The problems of the last load, in words without keys (for the operator's shell). */
    public List<String> loadProblems() {
        return loaded.problems();
    }

    /** When the file was last read. */
    public Instant lastLoadTime() {
        return loaded.at();
    }

    private static Stamp stampOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(Optional.of(attributes.lastModifiedTime()), attributes.size());
        } catch (IOException e) {
            return Stamp.MISSING;
        }
    }

    /** What identifies a version of the file without reading it. */
    private record Stamp(Optional<FileTime> modified, long size) {
        static final Stamp MISSING = new Stamp(Optional.empty(), -1);
    }

    /** One load of the file: swapped whole, so readers never see half of a reload. */
    private record Loaded(SecurityAssociationTable table, Stamp stamp, Instant at, List<String> problems) {
        static final Loaded NOTHING = new Loaded(SecurityAssociationTable.EMPTY, Stamp.MISSING, Instant.EPOCH, List.of());

        Loaded {
            problems = List.copyOf(problems);
        }
    }
}
