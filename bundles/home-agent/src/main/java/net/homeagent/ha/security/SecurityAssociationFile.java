package net.homeagent.ha.security;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import net.homeagent.mip.api.support.SecretFile;

/**
 * The mobility security associations (RFC 5944 §3.5) of etc/mobility-security.conf. The file is
 * read at start and again whenever it changes ({@link SecretFile}, polled every
 * {@value SecretFile#POLL_SECONDS} s); a reload replaces the whole set at once, so a lookup sees either
 * the old file or the new one. A file that cannot be read leaves the previous set in place.
 * Bad lines are logged at ERROR with file and line number and skipped; keys are never logged.
 */
@Component(service = SecurityAssociations.class, configurationPid = HomeAgentConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SecurityAssociationFile implements SecurityAssociations {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityAssociationFile.class);

    private final SecretFile file;
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
        this.file = new SecretFile(file);
        this.withoutFile = withoutFile;
        this.clock = clock;
        this.loaded = Loaded.NOTHING;
        reload();
        this.watcher = watch ? Optional.of(this.file.watch("ha-security-associations-watch", this::reloadIfChanged,
                e -> LOG.error("checking {} for changes failed", file, e))) : Optional.empty();
    }

    @Deactivate
    void stop() {
        watcher.ifPresent(ScheduledExecutorService::shutdownNow);
    }

    /** Reads the file again if it changed since the last load. */
    public synchronized boolean reloadIfChanged() {
        if (!file.changed()) {
            return false;
        }
        reload();
        return true;
    }

    /** Reads the file now and replaces every association at once. */
    public synchronized void reload() {
        Path path = file.path();
        Instant now = clock.instant();
        long started = System.nanoTime(); // a duration for the operator's log, not a time of the protocol
        SecurityAssociationParser.Parsed parsed;
        try {
            parsed = SecurityAssociationParser.parse(file.read(FileBytes::read), path.toString());
        } catch (NoSuchFileException e) {
            LOG.warn("no security associations file {}: {}", path, withoutFile);
            loaded = new Loaded(SecurityAssociationTable.EMPTY, now, List.of("file not found: " + path));
            return;
        } catch (IOException | RuntimeException e) {
            // e.g. unreadable, or not UTF-8: keep what was loaded before rather than lock every node out
            LOG.error("cannot read security associations file {} ({}); keeping the {} associations loaded before",
                    path, e.toString(), loaded.table().size());
            loaded = new Loaded(loaded.table(), now, List.of("cannot read " + path + ": " + e));
            return;
        }
        parsed.errors().forEach(problem -> LOG.error("{}", problem));
        parsed.warnings().forEach(warning -> LOG.warn("{}", warning));
        SecurityAssociationTable table = parsed.table();
        if (table.size() > 0) {
            // the file as shipped holds only comments: nothing to protect until keys are added
            file.othersMayRead().ifPresent(LOG::warn);
        }
        loaded = new Loaded(table, now, parsed.errors());
        LOG.info("loaded {} mobility security associations from {} in {} ms ({} bad lines skipped)", table.size(),
                path, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), parsed.errors().size());
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
        return file.path();
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

    /** One load of the file: swapped whole, so readers never see half of a reload. */
    private record Loaded(SecurityAssociationTable table, Instant at, List<String> problems) {
        static final Loaded NOTHING = new Loaded(SecurityAssociationTable.EMPTY, Instant.EPOCH, List.of());

        Loaded {
            problems = List.copyOf(problems);
        }
    }
}
