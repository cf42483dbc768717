package net.homeagent.store;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The snapshot format of {@link BindingSnapshots} (its javadoc and docs/storage.md have the layout):
 * format 2 is written, formats 1 and 2 are read. The count and the CRC are at the end, so that a
 * snapshot is written as the table is walked; a reader checks the whole of it before handing any
 * record on.
 */
final class SnapshotStream {

    private static final byte[] MAGIC = {'M', 'I', 'P', 'B'};
    /** Absolute times, count in the header, the whole table: the files of earlier releases. */
    private static final byte FORMAT_ABSOLUTE = 1;
    private static final byte FORMAT = 2;
    private static final int WHOLE_RANGE = 1;
    private static final int END = 0;

    /** One binding as carried: its packed key and its {@link BindingRecord}. */
    record Entry(long key, byte[] record) {
    }

    /**
     * A snapshot read and checked whole.
     *
     * @param takenAt    the sender's time the records' times are relative to; empty for format 1,
     *                   whose times are absolute
     * @param wholeRange the entries are every binding of the range
     */
    record Snapshot(Optional<Instant> takenAt, int firstHome, int lastHome, boolean wholeRange, List<Entry> entries) {
    }

    private SnapshotStream() {
    }

    /** Writes one snapshot: the header at once, a record a {@link #write}, the end at {@link #finish}. */
    static final class Writer {
        private final CRC32 crc = new CRC32();
        private final BufferedOutputStream buffered;
        private final DataOutputStream out;
        private long count;

        Writer(OutputStream target, Instant takenAt, BindingFilter filter) throws IOException {
            buffered = new BufferedOutputStream(target, 1 << 16);
            out = new DataOutputStream(new CheckedOutputStream(buffered, crc));
            out.write(MAGIC);
            out.writeByte(FORMAT);
            out.writeLong(takenAt.toEpochMilli());
            out.writeInt(Ipv4.toInt(filter.firstHome()));
            out.writeInt(Ipv4.toInt(filter.lastHome()));
            out.writeByte(filter.wholeRange() ? WHOLE_RANGE : 0);
        }

        void write(Binding binding) throws IOException {
            byte[] record = BindingRecord.encode(binding);
            out.writeShort(record.length); // never 0 (END): a record has at least its fixed fields
            out.writeLong(BindingRecord.keyOf(binding));
            out.write(record);
            count++;
        }

        /** Writes the end and flushes; the target stays open. */
        long finish() throws IOException {
            out.writeShort(END);
            out.writeLong(count);
            out.flush();
            new DataOutputStream(buffered).writeInt((int) crc.getValue());
            buffered.flush();
            return count;
        }
    }

    /**
     * Reads one snapshot from {@code source}, exactly: nothing after its end is consumed (so
     * {@code source} should be buffered by the caller).
     *
     * @throws IOException saying what is wrong if it is not a complete, intact snapshot of a known format
     */
    static Snapshot read(InputStream source) throws IOException {
        CRC32 crc = new CRC32();
        DataInputStream in = new DataInputStream(new CheckedInputStream(source, crc));
        try {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a binding snapshot (no \"MIPB\" at the start)");
            }
            byte format = in.readByte();
            Snapshot snapshot = switch (format) {
                case FORMAT -> readRelative(in);
                case FORMAT_ABSOLUTE -> readAbsolute(in);
                default -> throw new IOException("snapshot format " + format + "; this release reads "
                        + FORMAT_ABSOLUTE + " and " + FORMAT);
            };
            long computed = crc.getValue();
            int stored = new DataInputStream(source).readInt();
            if ((int) computed != stored) {
                throw new IOException("snapshot is damaged: CRC-32 mismatch; nothing imported");
            }
            return snapshot;
        } catch (EOFException e) {
            throw new IOException("snapshot is truncated; nothing imported", e);
        }
    }

    private static Snapshot readRelative(DataInputStream in) throws IOException {
        Instant takenAt = Instant.ofEpochMilli(in.readLong());
        int first = in.readInt();
        int last = in.readInt();
        int flags = in.readUnsignedByte();
        List<Entry> entries = new ArrayList<>();
        for (int length = in.readUnsignedShort(); length != END; length = in.readUnsignedShort()) {
            long key = in.readLong();
            entries.add(new Entry(key, readRecord(in, length)));
        }
        long count = in.readLong();
        if (count != entries.size()) {
            throw new IOException("snapshot is damaged: it ends after " + entries.size() + " records but counts "
                    + count + "; nothing imported");
        }
        return new Snapshot(Optional.of(takenAt), first, last, (flags & WHOLE_RANGE) != 0, entries);
    }

    private static Snapshot readAbsolute(DataInputStream in) throws IOException {
        long count = in.readLong();
        if (count < 0) {
            throw new IOException("snapshot is damaged: it announces " + count + " bindings; nothing imported");
        }
        List<Entry> entries = new ArrayList<>((int) Math.min(count, 1 << 20));
        for (long i = 0; i < count; i++) {
            long key = in.readLong();
            entries.add(new Entry(key, readRecord(in, in.readUnsignedShort())));
        }
        return new Snapshot(Optional.empty(), 0, -1, true, entries);
    }

    private static byte[] readRecord(DataInputStream in, int length) throws IOException {
        byte[] record = new byte[length];
        in.readFully(record);
        return record;
    }
}
