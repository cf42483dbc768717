package net.homeagent.loadgen;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * The bindings of a snapshot written by the appliance's {@code mip:backup-export} (docs/storage.md,
 * "Snapshots for migration"), read here rather than through binding-store so that the test judges
 * the file, not the code that wrote it:
 * <pre>
 * "MIPB" | u8 format (2) | i64 taken at | u32 first home | u32 last home | u8 flags
 * | n x (u16 length, not 0 | i64 key | record) | u16 0 | i64 n | u32 CRC-32 of all before
 * </pre>
 * The key holds the home address in its high 32 bits and the care-of address in its low 32; of
 * the record (version 1: u8 version, u32 home agent, u32 source, u16 source port, u32 granted
 * lifetime, ...) only the granted lifetime is kept.
 */
record BindingSnapshot(int[] homes, int[] careOfs, int[] lifetimes) {

    private static final byte[] MAGIC = {'M', 'I', 'P', 'B'};
    private static final byte FORMAT = 2;
    /** i64 taken at, u32 first home, u32 last home, u8 flags: nothing the check needs. */
    private static final int HEADER_REST = 8 + 4 + 4 + 1;
    /**
     * Binding record versions read here (docs/storage.md): 1, and 2, which added the inner
     * encapsulation of UDP tunnels after the fields this check reads.
     */
    private static final int OLDEST_RECORD = 1;
    private static final int NEWEST_RECORD = 2;
    /** u8 version, u32 home agent, u32 source address, u16 source port: then the granted lifetime (both versions). */
    private static final int LIFETIME_OFFSET = 1 + 4 + 4 + 2;

    int size() {
        return homes.length;
    }

    /**
     * @throws IOException if the file is not a complete, intact snapshot of a format read here
     */
    static BindingSnapshot read(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc))) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new IOException(file + " is not a binding snapshot");
            }
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IOException(file + " has snapshot format " + format + "; this reader knows " + FORMAT);
            }
            in.readNBytes(HEADER_REST);
            List<long[]> bindings = new ArrayList<>();
            for (int length = in.readUnsignedShort(); length != 0; length = in.readUnsignedShort()) {
                long key = in.readLong();
                byte[] record = in.readNBytes(length);
                if (record.length < LIFETIME_OFFSET + 4 || record[0] < OLDEST_RECORD || record[0] > NEWEST_RECORD) {
                    throw new IOException(file + ": binding " + bindings.size() + " is not a record of version "
                            + OLDEST_RECORD + " to " + NEWEST_RECORD);
                }
                bindings.add(new long[] {key, ByteBuffer.wrap(record).getInt(LIFETIME_OFFSET)});
            }
            long count = in.readLong();
            if (count != bindings.size()) {
                throw new IOException(file + " counts " + count + " bindings but holds " + bindings.size());
            }
            int n = bindings.size();
            int[] homes = new int[n];
            int[] careOfs = new int[n];
            int[] lifetimes = new int[n];
            for (int i = 0; i < n; i++) {
                homes[i] = (int) (bindings.get(i)[0] >>> 32);
                careOfs[i] = (int) bindings.get(i)[0];
                lifetimes[i] = (int) bindings.get(i)[1];
            }
            int computed = (int) crc.getValue();
            int stored = new DataInputStream(raw).readInt();
            if (computed != stored || raw.read() != -1) {
                throw new IOException(file + " is damaged (checksum mismatch or data after the end)");
            }
            return new BindingSnapshot(homes, careOfs, lifetimes);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }
}
