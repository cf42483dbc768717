package net.homeagent.mip6.cache;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.support.DurableFile;

/**
 * The durable backup of the IPv6 binding cache: one append-only file, a sibling of binding-store's
 * journal for IPv6 keys (binding-store's table and journal are keyed by IPv4 home addresses).
 * Simpler than that journal on purpose: no segments, no group commit; each change is one record
 * and one {@code fdatasync} before the Binding Acknowledgement leaves, and the file is rewritten
 * with only the live entries each time it is opened.
 *
 * <pre>
 * header  8 octets: "MIP6BC" 0x01 0x00            (magic, version 1)
 * record 52 octets: op (1: put, 2: remove) | home address (16) | care-of address (16) |
 *                   sequence (16 bits) | 0 (8 bits) | lifetime s (32 bits) | expiry, epoch ms (64 bits) |
 *                   CRC-32C of the 48 octets before it (32 bits)
 * </pre>
 * All numbers big-endian. Reading stops at the first record that is short or fails its CRC (a
 * write cut by a crash: only the last record can be, since each is synced before the next), and
 * what follows is dropped, counted in {@link Opened#damagedBytes}.
 */
public final class BindingCacheJournal implements CacheBackup, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BindingCacheJournal.class);

    static final byte[] MAGIC = {'M', 'I', 'P', '6', 'B', 'C', 1, 0};
    static final int RECORD = 52;
    private static final byte PUT = 1;
    private static final byte REMOVE = 2;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer record = ByteBuffer.allocate(RECORD);

    private BindingCacheJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * What opening found.
     *
     * @param journal      the journal, appending
     * @param live         the entries still within their lifetime, as backed up, origin RESTORED
     * @param expired      entries dropped because their lifetime ran out while the node was down
     * @param damagedBytes octets after the last intact record, dropped
     */
    public record Opened(BindingCacheJournal journal, List<Mip6Binding> live, int expired, long damagedBytes) {
    }

    /**
     * Opens (creating) the journal {@code fileName} in {@code folder}: reads it, drops what expired by
     * {@code nowMillis}, rewrites it with the live entries (a {@link DurableFile}, so a crash or a
     * power cut meanwhile leaves either whole) and appends from there. Each role's binding cache has
     * its own file (the home agent's {@code mip6-bindings.journal}, the correspondent's
     * {@code mip6-cn-bindings.journal}): a home address may be in both.
     */
    public static Opened open(Path folder, String fileName, long nowMillis) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(fileName);
        Map<Inet6Address, Mip6Binding> state = new LinkedHashMap<>();
        long damaged = 0;
        if (Files.exists(file)) {
            damaged = read(Files.readAllBytes(file), state, file);
        }
        List<Mip6Binding> live = new ArrayList<>();
        int expired = 0;
        for (Mip6Binding binding : state.values()) {
            if (binding.expiredAt(nowMillis)) {
                expired++;
            } else {
                live.add(binding.restored());
            }
        }
        DurableFile.replace(file, out -> {
            WritableByteChannel channel = Channels.newChannel(out);
            writeFully(channel, ByteBuffer.wrap(MAGIC));
            ByteBuffer buffer = ByteBuffer.allocate(RECORD);
            for (Mip6Binding binding : live) {
                writeFully(channel, encode(buffer, PUT, binding.homeAddress(), binding));
            }
            return null;
        });
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (damaged > 0) {
            LOG.warn("IPv6 binding cache backup {}: {} octets after the last intact record dropped", file, damaged);
        }
        return new Opened(new BindingCacheJournal(file, channel), live, expired, damaged);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void put(Mip6Binding binding) throws IOException {
        append(encode(record, PUT, binding.homeAddress(), binding));
    }

    @Override
    public synchronized void remove(Inet6Address homeAddress) throws IOException {
        append(encode(record, REMOVE, homeAddress, null));
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private void append(ByteBuffer encoded) throws IOException {
        writeFully(channel, encoded);
        channel.force(false);
    }

    private static ByteBuffer encode(ByteBuffer buffer, byte op, Inet6Address home, Mip6Binding binding) {
        buffer.clear();
        buffer.put(op).put(home.getAddress());
        if (binding == null) {
            buffer.put(new byte[16]).putShort((short) 0).put((byte) 0).putInt(0).putLong(0);
        } else {
            buffer.put(binding.careOfAddress().getAddress()).putShort((short) binding.sequence()).put((byte) 0)
                    .putInt((int) Math.min(binding.lifetimeSeconds(), 0xffffffffL)).putLong(binding.expiresAtMillis());
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, RECORD - 4);
        buffer.putInt((int) crc.getValue());
        return buffer.flip();
    }

    /** Folds the records into {@code state}; returns the octets dropped after the last intact one. */
    static long read(byte[] bytes, Map<Inet6Address, Mip6Binding> state, Path file) throws IOException {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(file + " is not an IPv6 binding cache backup (no MIP6BC version 1 header)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        while (in.remaining() >= RECORD) {
            int at = in.position();
            CRC32C crc = new CRC32C();
            crc.update(bytes, at, RECORD - 4);
            if ((int) crc.getValue() != in.getInt(at + RECORD - 4)) {
                break;
            }
            byte op = in.get();
            Inet6Address home = address(in);
            Inet6Address careOf = address(in);
            int sequence = Short.toUnsignedInt(in.getShort());
            in.get();
            long lifetime = Integer.toUnsignedLong(in.getInt());
            long expiresAt = in.getLong();
            in.getInt();
            if (op == PUT) {
                state.put(home, new Mip6Binding(home, careOf, sequence, lifetime, expiresAt,
                        Mip6Binding.Origin.RESTORED));
            } else if (op == REMOVE) {
                state.remove(home);
            } else {
                in.position(at);
                break;
            }
        }
        return in.remaining();
    }

    private static Inet6Address address(ByteBuffer in) throws UnknownHostException {
        byte[] octets = new byte[16];
        in.get(octets);
        return Inet6Address.getByAddress(null, octets, -1);
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The size of the file now (what the rewrite at open left, plus what was appended since). */
    public long size() throws IOException {
        return channel.size();
    }
}
