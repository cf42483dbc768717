package net.homeagent.store;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.store.JournalFormat.Header;
import net.homeagent.store.JournalFormat.JournalDamage;

/**
 * Reads the journal at start: the newest checkpoint, then every log segment from the one it names,
 * frame by frame in sequence order, each change handed to a {@link Target}. The last change of a
 * binding wins, so the target ends with the table as of the last frame that reached the disk.
 * <p>
 * What a crash leaves is expected and handled quietly: a torn frame at the end of the last segment
 * (cut away), a partial checkpoint (deleted), files a finished checkpoint had replaced (deleted).
 * Anything else is damage: the replay stops at the last intact frame (the valid prefix), the files
 * from there on are kept for analysis as {@code <name>.corrupt-<UTC time>}, and the problem is
 * reported. A replay never goes on past a missing frame, so an older change is never applied over
 * a newer one.
 */
final class JournalRestore {

    /** Receives the changes, oldest first. */
    interface Target {
        /**
         * Replaces the bindings of {@code home} by {@code bindings}.
         *
         * @return how many of them this release cannot read (and did not restore)
         */
        int home(int home, List<JournalFormat.StoredBinding> bindings);
    }

    /**
     * What was read.
     *
     * @param nextSegment     the number the log's next segment takes
     * @param nextSequence    the sequence of the next frame
     * @param logBytes        the bytes of the segments replayed
     * @param checkpointBytes the size of the checkpoint read
     * @param fresh           there was no journal: nothing was read
     * @param failed          records this release cannot read (not restored)
     * @param problem         damage found, and where the damaged files were kept
     */
    record Outcome(long nextSegment, long nextSequence, long logBytes, long checkpointBytes, boolean fresh,
            long failed, Optional<String> problem) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournalRestore.class);
    private static final DateTimeFormatter ASIDE_SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int FAILURES_LOGGED = 10;

    private final JournalDisk disk;
    private final Clock clock;
    private final Target target;
    private final List<String> problems = new ArrayList<>();
    private long failed;

    private JournalRestore(JournalDisk disk, Clock clock, Target target) {
        this.disk = disk;
        this.clock = clock;
        this.target = target;
    }

    static Outcome read(JournalDisk disk, Clock clock, Target target) throws IOException {
        return new JournalRestore(disk, clock, target).read();
    }

    private Outcome read() throws IOException {
        List<Long> checkpoints = new ArrayList<>();
        List<Long> segments = new ArrayList<>();
        for (String name : disk.list()) {
            switch (JournalFiles.kindOf(name)) {
                case CHECKPOINT -> checkpoints.add(JournalFiles.numberOf(name));
                case SEGMENT -> segments.add(JournalFiles.numberOf(name));
                case PARTIAL -> disk.delete(name);
                case OTHER -> { }
            }
        }
        checkpoints.sort(null);
        segments.sort(null);
        if (checkpoints.isEmpty() && segments.isEmpty()) {
            return new Outcome(1, 0, 0, 0, true, 0, Optional.empty());
        }
        long from;
        long expected;
        long checkpointBytes = 0;
        if (checkpoints.isEmpty()) {
            from = segments.get(0);
            expected = -1; // taken from the first segment; what came before it is lost
            problems.add("no checkpoint was found, only the log from segment " + from
                    + "; bindings that had not changed since the last checkpoint are lost");
        } else {
            long newest = checkpoints.get(checkpoints.size() - 1);
            String name = Checkpointer.checkpointName(newest);
            checkpointBytes = disk.size(name);
            Header header = readCheckpoint(name, newest);
            from = newest;
            expected = header == null ? -1 : header.firstSequence();
            if (header != null) {
                for (long older : checkpoints.subList(0, checkpoints.size() - 1)) {
                    disk.delete(Checkpointer.checkpointName(older)); // replaced before a crash could remove them
                }
            }
        }
        long logBytes = 0;
        long last = from;
        boolean stopped = false;
        OptionalLong marked = CommitMark.read(disk);
        for (int i = 0; i < segments.size(); i++) {
            long number = segments.get(i);
            String name = JournalLog.segmentName(number);
            last = Math.max(last, number);
            if (number < from) {
                disk.delete(name); // replaced by the checkpoint before a crash could remove it
                continue;
            }
            if (stopped) {
                keepAside(name);
                continue;
            }
            boolean lastSegment = i == segments.size() - 1;
            long[] next = {expected};
            boolean whole = replaySegment(name, number, next, lastSegment, marked);
            expected = next[0];
            logBytes += disk.size(name);
            stopped = !whole;
        }
        if (!checkpoints.isEmpty() && segments.stream().noneMatch(n -> n >= from)) {
            problems.add("log segment " + from + " is missing");
        }
        if (marked.isPresent() && marked.getAsLong() > expected - 1) {
            problems.add("the journal ends at frame " + (expected - 1) + " but frame " + marked.getAsLong()
                    + " had been written: its newest changes are lost unless their mobile nodes register again");
        }
        Optional<String> problem = problems.isEmpty() ? Optional.empty()
                : Optional.of("the journal is damaged: " + String.join("; ", problems));
        problem.ifPresent(p -> LOG.error("Binding backup {}: {}", disk.describe(""), p));
        return new Outcome(last + 1, Math.max(expected, 0), logBytes, checkpointBytes, false, failed, problem);
    }

    /** Reads the checkpoint into the target; returns its header, or null if even that is damaged. */
    private Header readCheckpoint(String name, long number) throws IOException {
        long[] sequence = {0};
        try (JournalFormat.Reader reader = new JournalFormat.Reader(disk.read(name), name)) {
            Header header = reader.header(JournalFormat.CHECKPOINT_MAGIC);
            if (header.number() != number) {
                throw new JournalDamage(name + " says it is checkpoint " + header.number(), 0);
            }
            for (long frame = 0;; frame++) {
                byte[] payload = reader.next(sequence);
                if (payload == null) {
                    throw new JournalDamage(name + " ends without its closing frame: it is incomplete", reader.goodBytes());
                }
                if (sequence[0] != frame) {
                    throw new JournalDamage(name + ": frame " + sequence[0] + " where " + frame + " was due", reader.goodBytes());
                }
                if (payload.length == 0) {
                    return header;
                }
                apply(payload, name);
            }
        } catch (JournalDamage damage) {
            problems.add(damage.getMessage() + "; the bindings read before the damage are restored, then the log");
            keepAside(name);
            return null;
        }
    }

    /**
     * Replays one segment; {@code expected[0]} is the sequence due (-1: take the segment's).
     *
     * @return whether the replay may go on with the next segment
     */
    private boolean replaySegment(String name, long number, long[] expected, boolean lastSegment, OptionalLong marked)
            throws IOException {
        long[] sequence = {0};
        JournalFormat.Reader reader = new JournalFormat.Reader(disk.read(name), name);
        try (reader) {
            Header header = reader.header(JournalFormat.LOG_MAGIC);
            if (header.number() != number || expected[0] >= 0 && header.firstSequence() != expected[0]) {
                throw new JournalDamage(name + " starts at frame " + header.firstSequence() + " where frame " + expected[0]
                        + " was due: the log has a gap", 0);
            }
            expected[0] = header.firstSequence();
            for (byte[] payload = reader.next(sequence); payload != null; payload = reader.next(sequence)) {
                if (sequence[0] != expected[0]) {
                    throw new JournalDamage(name + ": frame " + sequence[0] + " where frame " + expected[0]
                            + " was due: the log has a gap", reader.goodBytes());
                }
                apply(payload, name);
                expected[0]++;
            }
            return true;
        } catch (JournalDamage damage) {
            boolean onlyTorn = lastSegment && damage.goodBytes() >= 0
                    && (marked.isEmpty() || marked.getAsLong() < Math.max(expected[0], 0));
            if (onlyTorn) {
                // The write a crash interrupted: its changes were never acknowledged.
                LOG.info("Binding backup: {}; the unfinished write at its end is cut away", damage.getMessage());
                cutAt(name, damage.goodBytes());
                return true;
            }
            problems.add(damage.getMessage() + "; the changes before it are restored, none after it");
            keepAside(name);
            if (lastSegment && damage.goodBytes() >= JournalFormat.HEADER_BYTES) {
                disk.truncate(name, damage.goodBytes());
            }
            return false;
        }
    }

    private void cutAt(String name, long goodBytes) throws IOException {
        if (goodBytes < JournalFormat.HEADER_BYTES) {
            disk.delete(name); // created, but its header never reached the disk: it held nothing
            disk.syncDirectory();
        } else {
            disk.truncate(name, goodBytes);
        }
    }

    private void apply(byte[] payload, String where) throws IOException {
        JournalFormat.forEachChange(payload, where, (home, bindings) -> {
            int unreadable = target.home(home, bindings);
            if (unreadable == 0) {
                return;
            }
            if (failed < FAILURES_LOGGED) {
                LOG.error("Binding backup: {} records of {} in {} cannot be read by this release; they are not restored",
                        unreadable, Ipv4.of(home).getHostAddress(), where);
            }
            if (failed == 0) {
                keepAside(where);
                problems.add("records this release cannot read were found in " + where
                        + " (a copy is kept beside it); their bindings are not restored");
            }
            failed += unreadable;
        });
    }

    /** Keeps a copy of a damaged file for analysis; the original stays for the checkpoint to replace. */
    private void keepAside(String name) throws IOException {
        String aside = name + ".corrupt-" + ASIDE_SUFFIX.format(clock.instant());
        disk.copy(name, aside);
        LOG.error("Binding backup: a copy of {} was kept as {}", disk.describe(name), disk.describe(aside));
    }
}
