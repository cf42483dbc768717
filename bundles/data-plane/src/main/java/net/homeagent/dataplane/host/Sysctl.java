package net.homeagent.dataplane.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kernel settings under /proc/sys the data plane needs; each write is reported to the caller. */
public final class Sysctl {

    private final Path root;

    public Sysctl(Path root) {
        this.root = root;
    }

    public static Sysctl host() {
        return new Sysctl(Path.of("/proc/sys"));
    }

    /**
     * Sets {@code key} to {@code value}; the key is written with slashes ({@code net/ipv4/ip_forward})
     * so that interface names with dots (VLANs) stay whole.
     *
     * @return null when done, else why not
     */
    public String set(String key, String value) {
        Path file = root.resolve(key);
        try {
            String current = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!current.equals(value)) {
                Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
            }
            return null;
        } catch (java.nio.file.AccessDeniedException e) {
            return "no privileges to set " + key + " = " + value + " (needs root, or CAP_NET_ADMIN)";
        } catch (IOException e) {
            return "cannot set " + key + " = " + value + ": " + e;
        }
    }
}
