package net.homeagent.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The log half of the {@link BindingJournal}: the segment being appended to
 * ({@code log-<n>.wal}, {@link JournalFormat}), one frame per group of changes, each forced to disk
 * before its waiters are told. Used by the writer thread only.
 * <p>
 * It also decides when a checkpoint is due: once the log written since the last checkpoint is as
 * large as that checkpoint (and at least {@link #MIN_LOG_BYTES}), replaying it would cost more
 * than reading the table afresh, so the writer {@link #rotate}s to a new segment and the
 * {@link Checkpointer} writes the table. The folder therefore holds about twice the live table at
 * most, plus the log written while a checkpoint is being written: its size follows the table, not
 * the number of changes made.
 */
final class JournalLog {

    /** Below this, a log is not worth a checkpoint of its own (a few seconds of a busy home agent). */
    static final long MIN_LOG_BYTES = 4L << 20;

    private final JournalDisk disk;
    private final long minLogBytes;
    private JournalDisk.AppendFile segment;
    private long segmentNumber;
    /** The bytes of the segment that hold whole frames. */
    private long segmentBytes;
    private long nextSequence;
    private long logBytesSinceCheckpoint;
    /** The part of {@link #logBytesSinceCheckpoint} in segments before the last rotation. */
    private long bytesBeforeRotation;
    private long lastCheckpointBytes;
    private ByteBuffer frame = ByteBuffer.allocate(1 << 16);
    /** Why appending is impossible since a failed write could not be undone; null while it works. */
    private IOException broken;

    /**
     * Starts segment {@code segmentNumber}, whose first frame will be {@code nextSequence}, on
     * top of a log of {@code logBytes} since a checkpoint of {@code checkpointBytes}.
     */
    JournalLog(JournalDisk disk, long segmentNumber, long nextSequence, long logBytes, long checkpointBytes,
            long minLogBytes) throws IOException {
        this.disk = disk;
        this.minLogBytes = minLogBytes;
        this.segmentNumber = segmentNumber;
        this.nextSequence = nextSequence;
        this.logBytesSinceCheckpoint = logBytes;
        this.bytesBeforeRotation = logBytes;
        this.lastCheckpointBytes = checkpointBytes;
        this.segment = open(segmentNumber, nextSequence);
        this.segmentBytes = JournalFormat.HEADER_BYTES;
    }

    static String segmentName(long number) {
        return String.format("log-%016d.wal", number);
    }

    /** Appends the group as one frame and forces it to disk. */
    void append(PendingChanges group) throws IOException {
        if (broken != null) {
            throw new IOException("the log cannot be appended to since an earlier failure", broken);
        }
        int needed = JournalFormat.FRAME_OVERHEAD + group.encodedLength();
        if (frame.capacity() < needed) {
            frame = ByteBuffer.allocate(Math.max(needed, frame.capacity() * 2));
        }
        frame.clear().position(JournalFormat.FRAME_OVERHEAD);
        group.writeChanges(frame);
        ByteBuffer sealed = JournalFormat.seal(frame, nextSequence);
        int bytes = sealed.remaining();
        try {
            segment.write(sealed);
            segment.force();
        } catch (IOException failed) {
            undo(failed);
            throw failed;
        }
        segmentBytes += bytes;
        logBytesSinceCheckpoint += bytes;
        nextSequence++;
    }

    /** Whether the log since the last checkpoint has grown as large as the checkpoint. */
    boolean checkpointDue() {
        return logBytesSinceCheckpoint >= Math.max(minLogBytes, lastCheckpointBytes);
    }

    /**
     * Starts the next segment: everything appended so far is in the older segments, everything
     * from now on in the new one.
     *
     * @return the new segment's number and its first frame, for the checkpoint that replaces the
     *         older segments
     */
    JournalFormat.Header rotate() throws IOException {
        JournalDisk.AppendFile next = open(segmentNumber + 1, nextSequence);
        segment.close();
        segment = next;
        segmentNumber++;
        segmentBytes = JournalFormat.HEADER_BYTES;
        bytesBeforeRotation = logBytesSinceCheckpoint;
        return new JournalFormat.Header(segmentNumber, nextSequence);
    }

    /** A checkpoint of {@code bytes} now covers every segment before the last rotation. */
    void checkpointed(long bytes) {
        lastCheckpointBytes = bytes;
        logBytesSinceCheckpoint -= bytesBeforeRotation;
        bytesBeforeRotation = 0;
    }

    /** The last frame forced to disk, -1 before the first. */
    long lastSequence() {
        return nextSequence - 1;
    }

    void close() throws IOException {
        segment.close();
    }

    /**
     * Cuts away what a failed write may have left, so that the next frame follows the last whole
     * one: a restore stops at the first damaged frame and would not see frames after garbage.
     */
    private void undo(IOException failure) {
        try {
            segment.truncate(segmentBytes);
        } catch (IOException alsoFailed) {
            failure.addSuppressed(alsoFailed);
            broken = failure;
        }
    }

    private JournalDisk.AppendFile open(long number, long firstSequence) throws IOException {
        JournalDisk.AppendFile file = disk.create(segmentName(number));
        file.write(JournalFormat.header(JournalFormat.LOG_MAGIC, number, firstSequence));
        file.force();
        disk.syncDirectory(); // the segment's name must survive a crash as long as its frames do
        return file;
    }
}
