package net.homeagent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** For the measurement programs: removes the flat temporary directory they wrote their backup in. */
final class TempDirectories {

    private TempDirectories() {
    }

    static void delete(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
