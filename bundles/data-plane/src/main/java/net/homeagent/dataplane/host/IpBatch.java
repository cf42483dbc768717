package net.homeagent.dataplane.host;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * One {@code ip -force -batch -} process for the life of the data plane: every route and
 * neighbour change is a line on its standard input, so a million bindings cost a million lines,
 * not a million processes. {@code -force} keeps it going after a line the kernel refuses; its
 * error output is read on a thread of its own, counted and logged (rate-limited). If the process
 * dies it is started again for the next line.
 */
public final class IpBatch implements HostCommands, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IpBatch.class);

    private final String ip;
    private final AtomicLong failures = new AtomicLong();
    private final RateLimitedLog errors;
    private Process process;
    private BufferedWriter input;

    public IpBatch(String ip, Clock clock) {
        this.ip = ip;
        this.errors = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::warn);
    }

    @Override
    public synchronized void send(String line) {
        try {
            writer().write(line);
            writer().write('\n');
        } catch (IOException e) {
            restartAfter(e);
            try {
                writer().write(line);
                writer().write('\n');
            } catch (IOException again) {
                throw new UncheckedIOException("cannot hand '" + line + "' to " + ip + " -batch", again);
            }
        }
    }

    @Override
    public synchronized void flush() {
        if (input == null) {
            return;
        }
        try {
            input.flush();
        } catch (IOException e) {
            restartAfter(e);
        }
    }

    private BufferedWriter writer() throws IOException {
        if (process == null || !process.isAlive()) {
            start();
        }
        return input;
    }

    private void start() throws IOException {
        process = new ProcessBuilder(ip, "-force", "-batch", "-").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        input = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII),
                1 << 16);
        Process started = process;
        Thread reader = new Thread(() -> readErrors(started), "dataplane-ip-batch-errors");
        reader.setDaemon(true);
        reader.start();
        LOG.info("{} -batch started (pid {}) for routes and neighbour entries", ip, process.pid());
    }

    private void readErrors(Process from) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(from.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                String text = line;
                // "Command failed -:N" follows each refused line's own message; count that one
                if (text.startsWith("Command failed")) {
                    failures.incrementAndGet();
                }
                errors.log("ip-batch", () -> ip + " -batch: " + text);
            }
        } catch (IOException e) {
            errors.log("ip-batch-read", () -> "reading " + ip + " -batch errors stopped: " + e);
        }
    }

    private void restartAfter(IOException e) {
        LOG.warn("{} -batch process lost ({}); starting it again", ip, e.toString());
        if (process != null) {
            process.destroy();
        }
        process = null;
        input = null;
    }

    @Override
    public List<String> list(String... arguments) {
        Outcome listing = once("-o", arguments);
        if (listing.problem != null) {
            throw new IllegalStateException(listing.problem);
        }
        return listing.output.lines().toList();
    }

    @Override
    public java.util.Optional<String> probe(String... arguments) {
        return java.util.Optional.ofNullable(once(null, arguments).problem);
    }

    /** What one bounded run of {@code ip} printed (standard error included), and why it failed, if it did. */
    private record Outcome(String output, String problem) {
    }

    private Outcome once(String option, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ip));
        if (option != null) {
            command.add(option);
        }
        command.addAll(List.of(arguments));
        String text = String.join(" ", command);
        try {
            Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!run.waitFor(30, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                return new Outcome(output, text + " did not finish within 30 s");
            }
            return run.exitValue() == 0 ? new Outcome(output, null)
                    : new Outcome(output, text + " exited with " + run.exitValue()
                            + (output.isEmpty() ? "" : ": " + output));
        } catch (IOException e) {
            return new Outcome("", "cannot run " + text + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("", "interrupted while running " + text);
        }
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        try {
            input.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
