package net.homeagent.mip6.linux;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command of iproute2 (or the like) with some input, bounded in time. */
final class IpProcess {

    /** What a run printed (stdout and stderr) and its exit status. */
    record Result(int status, String output) {
    }

    private static final long TIMEOUT_SECONDS = 10;

    private IpProcess() {
    }

    /** Runs {@code command} with {@code input} on its standard input; fails if it does not end in 10 s. */
    static Result run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).trim());
    }

    /** Runs {@code command} without input; fails unless it exits 0. */
    static String check(List<String> command) throws IOException {
        Result result = run(command, "");
        if (result.status() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.status() + "): " + result.output());
        }
        return result.output();
    }
}
