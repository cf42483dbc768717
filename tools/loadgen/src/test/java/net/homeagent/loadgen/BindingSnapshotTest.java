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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindingSnapshotTest {

    @TempDir
    Path dir;

    /**
     * A snapshot laid out by hand from docs/storage.md and BindingRecord's layout: two bindings in
     * records of {@code version} (2 has the inner encapsulation of UDP tunnels, 1 had not).
     */
    private static byte[] twoBindings(int version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("MIPB");
        out.writeByte(2);
        out.writeLong(1_700_000_000_000L); // taken at
        out.writeInt(0); // first home
        out.writeInt(-1); // last home
        out.writeByte(1); // every binding of the range
        record(out, version, 0x0a80_0001L << 32 | 0xc612_0005L, 65000, 0);
        record(out, version, 0x0a80_0002L << 32 | 0xc612_0006L, 600, 11);
        out.writeShort(0); // end of the records
        out.writeLong(2);
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    private static void record(DataOutputStream out, int version, long key, int lifetime, int naiLength)
            throws IOException {
        int inner = version >= 2 ? 1 : 0;
        out.writeShort(52 + inner + naiLength);
        out.writeLong(key);
        out.writeByte(version);
        out.writeInt(0x7f00_0001); // home agent
        out.writeInt(0x7f00_0001); // source address
        out.writeShort(40000); // source port
        out.writeInt(lifetime);
        // times, identification, flags, encapsulation, (version 2: inner encapsulation), reverse
        out.write(new byte[12 + 12 + 8 + 1 + 1 + inner + 1]);
        out.writeShort(naiLength == 0 ? 0xffff : naiLength);
        out.write(new byte[naiLength]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void readsHomeCareOfAndLifetimeOfEachBindingOfEitherRecordVersion(int version) throws IOException {
        Path file = dir.resolve("snapshot");
        Files.write(file, twoBindings(version));
        BindingSnapshot snapshot = BindingSnapshot.read(file);
        assertThat(snapshot.homes()).containsExactly(0x0a80_0001, 0x0a80_0002);
        assertThat(snapshot.careOfs()).containsExactly(0xc612_0005, 0xc612_0006);
        assertThat(snapshot.lifetimes()).containsExactly(65000, 600);
    }

    @Test
    void refusesADamagedOrTruncatedSnapshot() throws IOException {
        byte[] bytes = twoBindings(2);
        bytes[20] ^= 1;
        Path damaged = dir.resolve("damaged");
        Files.write(damaged, bytes);
        assertThatThrownBy(() -> BindingSnapshot.read(damaged)).hasMessageContaining("damaged");
        Path truncated = dir.resolve("truncated");
        Files.write(truncated, java.util.Arrays.copyOf(twoBindings(2), 40));
        assertThatThrownBy(() -> BindingSnapshot.read(truncated)).hasMessageContaining("truncated");
    }

    @Test
    void refusesARecordOfAVersionItDoesNotKnow() throws IOException {
        byte[] bytes = twoBindings(2);
        Path file = dir.resolve("version-3");
        bytes[4 + 1 + 17 + 2 + 8] = 3; // the first record's version octet
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        Files.write(file, bytes);
        assertThatThrownBy(() -> BindingSnapshot.read(file)).hasMessageContaining("not a record of version 1 to 2");
    }
}
