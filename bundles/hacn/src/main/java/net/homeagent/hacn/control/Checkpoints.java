package net.homeagent.hacn.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Keeps the control node's checkpoint (docs/hacn.md, "Durable snapshots"): reads it once at start
 * into the {@link ControlCore}, writes it every {@code period} if anything changed, and soon after
 * every state change of an HA (a failure, a takeover, a rejoin), on its own thread, so that the
 * control node's lock is held only for the copy. A crash between two checkpoints loses the MBR
 * changes of at most one period: each HA heard after the restart is asked for its whole table,
 * which repairs its MBR; only an HA that dies before the restarted control node hears it is taken
 * over from the older records.
 */
final class Checkpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    /** What the operator sees of it (hacn:status). */
    record Status(Path file, Optional<Instant> lastWritten, long bytes, long writes, long failures,
            Optional<String> lastFailure, String restored) {
    }

    private final Path file;
    private final ControlCore core;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final RateLimitedLog problems;
    private long written = -1; // the core's change count last written; on the writer's thread
    private volatile Status status;

    /** What the start read: the contents, if usable, and what the operator is told of it. */
    record Loaded(Optional<CheckpointFile.Contents> contents, String summary) {
    }

    /** @param loaded what {@link #load} read at start, for the operator */
    Checkpoints(Path file, Duration period, ControlCore core, Clock clock, Loaded loaded) {
        this.file = file;
        this.core = core;
        this.clock = clock;
        this.problems = new RateLimitedLog(clock, Duration.ofSeconds(60), LOG::warn);
        this.status = new Status(file, Optional.empty(), 0, 0, 0, Optional.empty(), loaded.summary());
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hacn-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::writeIfChanged, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the last checkpoint, before the control node starts; a missing or damaged one is said
     * in the log (a damaged one moved aside) and the control node starts empty.
     */
    static Loaded load(Path file) {
        try {
            CheckpointFile.Contents contents = CheckpointFile.read(file);
            LOG.info("control node restored from its checkpoint {} written {}", file, contents.writtenAt());
            return new Loaded(Optional.of(contents), contents.agents().size() + " HAs of " + contents.writtenAt());
        } catch (NoSuchFileException e) {
            LOG.info("no control node checkpoint at {}: starting empty", file);
            return new Loaded(Optional.empty(), "none (first start)");
        } catch (IOException e) {
            LOG.warn("control node checkpoint {} unreadable, starting empty (each HA's table is learned again"
                    + " when it is heard): {}", file, e.toString());
            return new Loaded(Optional.empty(), "unreadable: " + e);
        } catch (CheckpointFile.Damaged e) {
            LOG.warn("control node checkpoint {} damaged, starting empty (each HA's table is learned again when it is"
                    + " heard): {}", file, e.getMessage());
            moveAside(file);
            return new Loaded(Optional.empty(), "damaged, moved aside: " + e.getMessage());
        }
    }

    /** Keeps a damaged checkpoint for a post-mortem; the next write starts afresh. */
    private static void moveAside(Path file) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".damaged"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("could not move the damaged checkpoint aside: {}", e.toString());
        }
    }

    /** Writes a checkpoint soon, on the writer's thread; several calls before it runs write once. */
    void soon() {
        if (queued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    queued.set(false);
                    writeIfChanged();
                });
            } catch (RejectedExecutionException e) {
                queued.set(false); // closing: close() writes the last one
            }
        }
    }

    private void writeIfChanged() {
        Optional<ControlCore.Capture> capture = core.captureSince(written);
        if (capture.isEmpty()) {
            return;
        }
        Status s = status;
        try {
            Instant now = clock.instant();
            int bytes = CheckpointFile.write(file, capture.get().agents(), now);
            written = capture.get().changes();
            status = new Status(file, Optional.of(now), bytes, s.writes() + 1, s.failures(), s.lastFailure(),
                    s.restored());
        } catch (IOException | RuntimeException e) {
            core.counters().increment("checkpoint-write-failures");
            status = new Status(file, s.lastWritten(), s.bytes(), s.writes(), s.failures() + 1,
                    Optional.of(clock.instant() + ": " + e), s.restored());
            problems.log("write", () -> "control node checkpoint " + file + " not written (the last one stays): " + e);
        }
    }

    Status status() {
        return status;
    }

    /** Stops the timer and writes a last checkpoint (an orderly stop loses nothing). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        writeIfChanged();
    }
}
