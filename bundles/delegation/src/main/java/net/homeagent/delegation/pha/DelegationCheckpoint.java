package net.homeagent.delegation.pha;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.homeagent.mip.api.support.DurableFile;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Which SHA forwards which mobile, kept in a small text file so that a restarted PHA gives its
 * restored bindings back to the SHAs they were on instead of intercepting them all itself
 * (docs/delegation.md, "A restarted PHA"). The bindings themselves are the binding store's; this
 * file only says where each accepted delegation was. Written as a {@link DurableFile}, so that a crash
 * or a power cut leaves the previous checkpoint or the new one, never half of one.
 *
 * <pre>
 * homeagent-delegation-checkpoint 1
 * 10.1.1.7 2
 * 10.1.1.8 3
 * end 2
 * </pre>
 */
final class DelegationCheckpoint {

    static final String FIRST_LINE = "homeagent-delegation-checkpoint 1";

    private final Path file;

    DelegationCheckpoint(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * @return each delegated home address and its SHA's node id; empty if there is no checkpoint
     * @throws IOException unreadable, or not a whole checkpoint (the caller starts without it)
     */
    Map<Inet4Address, Integer> read() throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.isEmpty() || !lines.get(0).equals(FIRST_LINE)) {
            throw new IOException(file + ": not a delegation checkpoint (first line '" + (lines.isEmpty() ? ""
                    : lines.get(0)) + "')");
        }
        Map<Inet4Address, Integer> placed = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).trim().split(" ");
            if (fields.length == 2 && fields[0].equals("end")) {
                if (!fields[1].equals(Integer.toString(placed.size())) || i != lines.size() - 1) {
                    throw new IOException(file + ": end says " + fields[1] + " entries, " + placed.size() + " read");
                }
                return placed;
            }
            Inet4Address home = fields.length == 2 ? Ipv4.parse(fields[0]).orElse(null) : null;
            if (home == null || !fields[1].matches("[1-9][0-9]{0,9}")) {
                throw new IOException(file + ": line " + (i + 1) + " is not 'home-address sha-node-id': " + lines.get(i));
            }
            placed.put(home, Integer.valueOf(fields[1]));
        }
        throw new IOException(file + ": no end line (cut short)");
    }

    void write(Map<Inet4Address, Integer> placed) throws IOException {
        List<String> lines = new ArrayList<>(placed.size() + 2);
        lines.add(FIRST_LINE);
        placed.entrySet().stream().sorted(Comparator.comparingLong(e -> Ipv4.toUnsigned(e.getKey())))
                .forEach(e -> lines.add(e.getKey().getHostAddress() + " " + e.getValue()));
        lines.add("end " + placed.size());
        DurableFile.replace(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
