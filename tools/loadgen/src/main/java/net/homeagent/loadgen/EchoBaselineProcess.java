package net.homeagent.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link EchoBaseline} in a process of its own, with this JVM and class path, so that the
 * load generator's and the echo's threads compete for the cores as they do with the appliance
 * (with {@code cpus}, under {@code taskset -c}: on the appliance's cores); ends it on close.
 */
final class EchoBaselineProcess implements AutoCloseable {

    private final Process process;
    private final InetSocketAddress address;
    private final String description;

    EchoBaselineProcess(InetAddress bindTo, int eventLoops, int batch, Optional<String> cpus) throws IOException {
        List<String> command = new ArrayList<>();
        cpus.ifPresent(list -> command.addAll(List.of("taskset", "-c", list)));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EchoBaseline.class.getName(), bindTo.getHostAddress(),
                Integer.toString(eventLoops), Integer.toString(batch)));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null || !line.startsWith(EchoBaseline.READY)) {
            process.destroyForcibly();
            throw new IOException("the echo baseline did not start: " + (line == null ? "it exited" : line));
        }
        description = line.substring(EchoBaseline.READY.length());
        address = LoadOptions.hostPort(description.substring(0, description.indexOf(' ')));
    }

    InetSocketAddress address() {
        return address;
    }

    /** Where it listens and how: "127.0.0.1:40123 (epoll, 2 event loops and sockets, ...)". */
    String description() {
        return description;
    }

    /** Its CPU time so far, if the platform tells. */
    Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close(); // its end of input: it stops serving and exits
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
