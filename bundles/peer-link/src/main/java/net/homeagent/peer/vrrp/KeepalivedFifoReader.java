package net.homeagent.peer.vrrp;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows keepalived's notify FIFO on its own thread: each line of our VRRP instance becomes a
 * {@link KeepalivedNotice} for the role. keepalived creates the FIFO when it starts and reopens it
 * when it restarts; a reader sees end-of-file then and opens it again. Lines that are not
 * keepalived's format are dropped and counted ({@code fifo-malformed}), other instances' lines are
 * ignored; each notice of ours is counted {@code keepalived-<state>}. Warnings are logged at most
 * once per kind every 30 s.
 */
public final class KeepalivedFifoReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeepalivedFifoReader.class);
    /** Between attempts to open a FIFO keepalived has not created yet. */
    private static final Duration REOPEN_PAUSE = Duration.ofMillis(500);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

    private final Path fifo;
    private final String instance;
    private final Consumer<KeepalivedNotice> notices;
    private final Consumer<String> counters;
    private final Clock clock;
    private final Map<String, Instant> lastLogged = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param counters told the name of each counter to increment
     * @param role     names the reading thread ({@code <role>-keepalived-fifo})
     */
    public KeepalivedFifoReader(Path fifo, String instance, Consumer<KeepalivedNotice> notices,
            Consumer<String> counters, Clock clock, String role) {
        this.fifo = fifo;
        this.instance = instance;
        this.notices = notices;
        this.counters = counters;
        this.clock = clock;
        this.thread = new Thread(this::run, role + "-keepalived-fifo");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** One line read from the FIFO (the thread's loop calls this; tests call it directly). */
    public void line(String line) {
        var notice = KeepalivedNotice.parse(line);
        if (notice.isEmpty()) {
            counters.accept("fifo-malformed");
            warn("malformed", () -> "keepalived notify FIFO " + fifo + ": line not in keepalived's format dropped");
            return;
        }
        if (notice.get().concerns(instance)) {
            counters.accept("keepalived-" + notice.get().state().toLowerCase(Locale.ROOT));
            notices.accept(notice.get());
        }
    }

    private synchronized void warn(String kind, Supplier<String> message) {
        Instant now = clock.instant();
        Instant last = lastLogged.get(kind);
        if (last == null || !now.isBefore(last.plus(LOG_INTERVAL))) {
            lastLogged.put(kind, now);
            LOG.warn(message.get());
        }
    }

    private void run() {
        while (!closed) {
            try (BufferedReader reader = Files.newBufferedReader(fifo, StandardCharsets.US_ASCII)) {
                String line;
                while (!closed && (line = reader.readLine()) != null) {
                    line(line);
                }
            } catch (NoSuchFileException e) {
                warn("missing", () -> "keepalived notify FIFO " + fifo + " does not exist yet (is keepalived running"
                        + " with vrrp_notify_fifo " + fifo + "?)");
                pause();
            } catch (IOException e) {
                warn("io", () -> "keepalived notify FIFO " + fifo + ": " + e);
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(REOPEN_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Whether the reading thread has ended (after {@link #close}). */
    public boolean stopped() {
        return !thread.isAlive();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        // A reader blocked in open() of a FIFO waits for a writer: be that writer for a moment.
        // Opened for reading and writing, which on Linux never blocks, even when nobody reads.
        if (Files.exists(fifo)) {
            try (var wake = Files.newByteChannel(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                LOG.debug("woke the reader of {}", fifo);
            } catch (IOException e) {
                LOG.debug("could not wake the FIFO reader", e);
            }
        }
    }
}
