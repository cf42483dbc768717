package net.homeagent.dataplane.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records what the data plane asks of the kernel; listings answer what a test put there. */
public final class RecordingHost implements HostCommands {

    public final List<String> lines = new ArrayList<>();
    public final Map<String, List<String>> listings = new HashMap<>();
    public int flushes;

    @Override
    public void send(String line) {
        lines.add(line);
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public List<String> list(String... arguments) {
        return listings.getOrDefault(String.join(" ", arguments), List.of());
    }

    @Override
    public Optional<String> probe(String... arguments) {
        return Optional.empty();
    }

    @Override
    public long failures() {
        return 0;
    }

    /** The lines since the last call. */
    public List<String> take() {
        List<String> taken = List.copyOf(lines);
        lines.clear();
        return taken;
    }
}
