package net.homeagent.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Backup files made by the store's own writers, for tests and as the seeds of
 * {@link BackupFormatsFuzzTest} ({@code tools/fuzz/write-seeds.sh} runs {@link #main}).
 */
final class SeedBackups {

    static final List<Binding> BINDINGS = List.of(
            TestBindings.binding("10.0.0.1", "198.51.100.9").udpTunnel(Encapsulation.GRE).nai("mobile@example.net").build(),
            TestBindings.binding("10.0.0.1", "198.51.100.10").udpTunnel(Encapsulation.IP_IN_IP).build(),
            TestBindings.binding("10.0.0.2", "192.0.2.2").infinite().build(),
            TestBindings.binding("10.0.0.3", "192.0.2.3").udpTunnel(Encapsulation.MINIMAL).identification(7).build());

    private SeedBackups() {
    }

    /**
     * A checkpoint holding {@code bindings} in one frame (one change a binding) and its end frame;
     * with {@code firstRelease} its records are of version 1, without the inner encapsulation.
     */
    static byte[] checkpoint(List<Binding> bindings, boolean firstRelease) {
        ByteBuffer changes = ByteBuffer.allocate(JournalFormat.FRAME_OVERHEAD + bindings.size() * 256)
                .position(JournalFormat.FRAME_OVERHEAD);
        for (Binding b : bindings) {
            byte[] record = BindingRecord.encode(b);
            if (firstRelease) {
                record = BindingRecordTest.version1(record);
            }
            changes.putInt(Ipv4.toInt(b.homeAddress())).putShort((short) 1);
            changes.putInt(Ipv4.toInt(b.careOfAddress())).putShort((short) record.length).put(record);
        }
        return join(JournalFormat.header(JournalFormat.CHECKPOINT_MAGIC, 1, 0), JournalFormat.seal(changes, 0),
                JournalFormat.seal(ByteBuffer.allocate(JournalFormat.FRAME_OVERHEAD).position(JournalFormat.FRAME_OVERHEAD), 1));
    }

    /** A log segment with no frame: what a checkpoint's log starts as. */
    static byte[] emptyLog() {
        return join(JournalFormat.header(JournalFormat.LOG_MAGIC, 1, 0));
    }

    /** A log segment of two frames: the first binding of {@link #BINDINGS} added, then its home address emptied. */
    static byte[] log() {
        Binding b = BINDINGS.get(0);
        byte[] record = BindingRecord.encode(b);
        ByteBuffer added = ByteBuffer.allocate(JournalFormat.FRAME_OVERHEAD + 12 + record.length)
                .position(JournalFormat.FRAME_OVERHEAD);
        added.putInt(Ipv4.toInt(b.homeAddress())).putShort((short) 1);
        added.putInt(Ipv4.toInt(b.careOfAddress())).putShort((short) record.length).put(record);
        ByteBuffer removed = ByteBuffer.allocate(JournalFormat.FRAME_OVERHEAD + 6).position(JournalFormat.FRAME_OVERHEAD);
        removed.putInt(Ipv4.toInt(b.homeAddress())).putShort((short) 0);
        return join(JournalFormat.header(JournalFormat.LOG_MAGIC, 1, 5), JournalFormat.seal(added, 5),
                JournalFormat.seal(removed, 6));
    }

    /** A snapshot of the current format, as {@code BindingSnapshots.exportTo} writes it. */
    static byte[] snapshot(List<Binding> bindings) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SnapshotStream.Writer writer = new SnapshotStream.Writer(bytes, Instant.parse("2024-01-01T00:00:00Z"),
                BindingFilter.ALL);
        for (Binding b : bindings) {
            writer.write(b);
        }
        writer.finish();
        return bytes.toByteArray();
    }

    /** A snapshot of format 1 (absolute times, count first), as the first release wrote it. */
    static byte[] snapshotOfTheFirstRelease(List<Binding> bindings) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {'M', 'I', 'P', 'B', 1});
        out.writeLong(bindings.size());
        for (Binding b : bindings) {
            byte[] record = BindingRecordTest.version1(BindingRecord.encode(b));
            out.writeLong(BindingRecord.keyOf(b));
            out.writeShort(record.length);
            out.write(record);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    private static byte[] join(ByteBuffer... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer part : parts) {
            out.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
        }
        return out.toByteArray();
    }

    /** Writes the seeds into {@code args[0]}, the target's inputs folder: {@code journalFile/}, {@code snapshot/}. */
    public static void main(String[] args) throws IOException {
        Path inputs = Path.of(args[0]);
        Path journal = Files.createDirectories(inputs.resolve("journalFile"));
        Path snapshots = Files.createDirectories(inputs.resolve("snapshot"));
        Files.write(journal.resolve("seed-checkpoint"), checkpoint(BINDINGS, false));
        Files.write(journal.resolve("seed-checkpoint-version-1"), checkpoint(BINDINGS, true));
        Files.write(journal.resolve("seed-log"), log());
        Files.write(journal.resolve("seed-empty-log"), emptyLog());
        Files.write(snapshots.resolve("seed-format-2"), snapshot(BINDINGS));
        Files.write(snapshots.resolve("seed-format-1"), snapshotOfTheFirstRelease(BINDINGS));
    }
}
