package net.homeagent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** For the measurement programs: removes the temporary directory they wrote their backup in (the journal's folder inside it too). */
final class TempDirectories {

    private TempDirectories() {
    }

    static void delete(Path dir) throws IOException {
        List<Path> deepestFirst;
        try (Stream<Path> tree = Files.walk(dir)) {
            deepestFirst = tree.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) {
            Files.delete(p);
        }
    }
}
