package net.homeagent.dataplane.host;

import java.util.List;

/**
 * Where the data plane's changes to the host's routing and neighbour tables go: lines of the
 * iproute2 batch language (ip(8) {@code -batch}), the same text an operator would type after
 * {@code ip}. The production sink is one long-lived {@code ip -batch -} process ({@link IpBatch});
 * tests record the lines, which is exactly what is asked of the kernel.
 */
public interface HostCommands {

    /** Queues one command line (without the leading {@code ip}). */
    void send(String line);

    /** Hands every queued line to the kernel. */
    void flush();

    /** Runs a listing ({@code ip -o ...}) and returns its output lines; used by reconcile only. */
    List<String> list(String... arguments);

    /** Runs one command once (a probe at start); returns its error output when it fails, empty when it worked. */
    java.util.Optional<String> probe(String... arguments);

    /** Lines the kernel refused since start (from {@code ip}'s error output). */
    long failures();
}
