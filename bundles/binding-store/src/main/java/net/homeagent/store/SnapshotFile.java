package net.homeagent.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A binding snapshot for migration: a plain file independent of the backup library, so that it can
 * be carried to another appliance or release.
 * <pre>
 * "MIPB" | u8 format (1) | i64 record count | count x (i64 key, u16 length, record) | u32 CRC-32 of all before
 * </pre>
 * Records are {@link BindingRecord}s. The file is written beside the target and renamed into place,
 * so a reader never sees half a snapshot; the CRC makes a damaged one refused as a whole.
 */
final class SnapshotFile {

    private static final byte[] MAGIC = {'M', 'I', 'P', 'B'};
    private static final byte FORMAT = 1;

    /** One stored binding: its packed key and its encoded record. */
    record Entry(long key, byte[] record) {
    }

    private SnapshotFile() {
    }

    static long write(Path file, List<Entry> entries) throws IOException {
        long count = entries.size();
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
        try {
            CRC32 crc = new CRC32();
            try (OutputStream raw = Files.newOutputStream(partial);
                    DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw), crc))) {
                out.write(MAGIC);
                out.writeByte(FORMAT);
                out.writeLong(count);
                for (Entry entry : entries) {
                    out.writeLong(entry.key());
                    out.writeShort(entry.record().length);
                    out.write(entry.record());
                }
                out.flush();
                new DataOutputStream(raw).writeInt((int) crc.getValue());
            }
            try (FileChannel written = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                written.force(true); // on disk before it takes the target's name
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return count;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * @throws IOException if the file is not a complete, intact snapshot
     */
    static List<Entry> read(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a binding snapshot");
            }
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IOException(file + " has snapshot format " + format + "; this release reads " + FORMAT);
            }
            long count = in.readLong();
            if (count < 0) {
                throw new IOException(file + " announces " + count + " bindings");
            }
            List<Entry> entries = new ArrayList<>((int) Math.min(count, 1 << 20));
            for (long i = 0; i < count; i++) {
                long key = in.readLong();
                byte[] record = in.readNBytes(in.readUnsignedShort());
                entries.add(new Entry(key, record));
            }
            long computed = crc.getValue();
            int stored = new DataInputStream(raw).readInt();
            if ((int) computed != stored || raw.read() != -1) {
                throw new IOException(file + " is damaged (checksum mismatch or data after the end); nothing imported");
            }
            return entries;
        } catch (EOFException e) {
            throw new IOException(file + " is truncated; nothing imported", e);
        }
    }
}
