package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindingSnapshotTest {

    @TempDir
    Path dir;

    /** A snapshot laid out by hand from docs/storage.md and BindingRecord's layout: two bindings. */
    private static byte[] twoBindings() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("MIPB");
        out.writeByte(2);
        out.writeLong(1_700_000_000_000L); // taken at
        out.writeInt(0); // first home
        out.writeInt(-1); // last home
        out.writeByte(1); // every binding of the range
        record(out, 0x0a80_0001L << 32 | 0xc612_0005L, 65000, 0);
        record(out, 0x0a80_0002L << 32 | 0xc612_0006L, 600, 11);
        out.writeShort(0); // end of the records
        out.writeLong(2);
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    private static void record(DataOutputStream out, long key, int lifetime, int naiLength) throws IOException {
        out.writeShort(52 + naiLength);
        out.writeLong(key);
        out.writeByte(1); // record version
        out.writeInt(0x7f00_0001); // home agent
        out.writeInt(0x7f00_0001); // source address
        out.writeShort(40000); // source port
        out.writeInt(lifetime);
        out.write(new byte[12 + 12 + 8 + 1 + 1 + 1]); // times, identification, flags, encapsulation, reverse
        out.writeShort(naiLength == 0 ? 0xffff : naiLength);
        out.write(new byte[naiLength]);
    }

    @Test
    void readsHomeCareOfAndLifetimeOfEachBinding() throws IOException {
        Path file = dir.resolve("snapshot");
        Files.write(file, twoBindings());
        BindingSnapshot snapshot = BindingSnapshot.read(file);
        assertThat(snapshot.homes()).containsExactly(0x0a80_0001, 0x0a80_0002);
        assertThat(snapshot.careOfs()).containsExactly(0xc612_0005, 0xc612_0006);
        assertThat(snapshot.lifetimes()).containsExactly(65000, 600);
    }

    @Test
    void refusesADamagedOrTruncatedSnapshot() throws IOException {
        byte[] bytes = twoBindings();
        bytes[20] ^= 1;
        Path damaged = dir.resolve("damaged");
        Files.write(damaged, bytes);
        assertThatThrownBy(() -> BindingSnapshot.read(damaged)).hasMessageContaining("damaged");
        Path truncated = dir.resolve("truncated");
        Files.write(truncated, java.util.Arrays.copyOf(twoBindings(), 40));
        assertThatThrownBy(() -> BindingSnapshot.read(truncated)).hasMessageContaining("truncated");
    }
}
