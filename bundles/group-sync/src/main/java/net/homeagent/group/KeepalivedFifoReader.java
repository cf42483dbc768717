package net.homeagent.group;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Follows keepalived's notify FIFO on its own thread: each line of our VRRP instance becomes a
 * {@link KeepalivedNotice} for the member. keepalived creates the FIFO when it starts and reopens it
 * when it restarts; a reader sees end-of-file then and opens it again. Lines that are not
 * keepalived's format are dropped and counted ({@code fifo-malformed}), other instances' lines are
 * ignored.
 */
final class KeepalivedFifoReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeepalivedFifoReader.class);
    /** Between attempts to open a FIFO keepalived has not created yet. */
    private static final Duration REOPEN_PAUSE = Duration.ofMillis(500);

    private final Path fifo;
    private final String instance;
    private final Consumer<KeepalivedNotice> notices;
    private final GroupCounters counters;
    private final RateLimitedLog log;
    private final Thread thread;
    private volatile boolean closed;

    KeepalivedFifoReader(Path fifo, String instance, Consumer<KeepalivedNotice> notices, GroupCounters counters,
            Clock clock) {
        this.fifo = fifo;
        this.instance = instance;
        this.notices = notices;
        this.counters = counters;
        this.log = new RateLimitedLog(clock, Duration.ofSeconds(30), LOG::warn);
        this.thread = new Thread(this::run, "group-keepalived-fifo");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** One line read from the FIFO (the thread's loop calls this; tests call it directly). */
    void line(String line) {
        var notice = KeepalivedNotice.parse(line);
        if (notice.isEmpty()) {
            counters.increment("fifo-malformed");
            log.log("malformed", () -> "keepalived notify FIFO " + fifo + ": line not in keepalived's format dropped");
            return;
        }
        if (notice.get().concerns(instance)) {
            counters.increment("keepalived-" + notice.get().state().toLowerCase(java.util.Locale.ROOT));
            notices.accept(notice.get());
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
                log.log("missing", () -> "keepalived notify FIFO " + fifo + " does not exist yet (is keepalived running"
                        + " with vrrp_notify_fifo " + fifo + "?)");
                pause();
            } catch (IOException e) {
                log.log("io", () -> "keepalived notify FIFO " + fifo + ": " + e);
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
    boolean stopped() {
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
