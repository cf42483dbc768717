package net.homeagent.store;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte layout shared by the journal's two kinds of file (docs/storage.md): log segments
 * ({@code log-<n>.wal}) and checkpoints ({@code checkpoint-<n>.bin}). Each starts with a header
 * and goes on with frames; a frame is written whole or found torn, never half believed:
 * <pre>
 * header: "HAJL" or "HAJC" | u8 format (1) | 3 x u8 0 | u64 number | u64 first frame sequence   (24 bytes)
 * frame:  u32 payload length | u32 CRC-32C of sequence and payload | u64 sequence | payload
 * payload: changes, each u32 home address | u16 n | n x (u32 care-of address | u16 length | BindingRecord)
 * </pre>
 * A change is the whole state of a home address: every binding it has after an operation (none
 * once its last is gone). Replaying it replaces whatever the home address had, so a care-of change
 * (one binding out, another in) can never be half restored, whether the halves would come from
 * the log or from a checkpoint read at another moment.
 * A segment's number is its place in the log, a checkpoint's the first segment replayed over it.
 * Sequences rise by one from frame to frame, across the segments of the log, so that a missing
 * frame or segment is seen. A checkpoint's frames are numbered from 0 and it ends with a frame
 * without changes: a checkpoint without that frame is incomplete.
 */
final class JournalFormat {

    static final byte[] LOG_MAGIC = {'H', 'A', 'J', 'L'};
    static final byte[] CHECKPOINT_MAGIC = {'H', 'A', 'J', 'C'};
    static final byte FORMAT = 1;
    static final int HEADER_BYTES = 24;
    static final int FRAME_OVERHEAD = 16;
    static final int HOME_OVERHEAD = Integer.BYTES + Short.BYTES;
    static final int BINDING_OVERHEAD = Integer.BYTES + Short.BYTES;
    /** A larger length can only be damage: no group of changes comes near it. */
    static final int MAX_PAYLOAD = 1 << 28;

    private JournalFormat() {
    }

    /** The header of a file. */
    record Header(long number, long firstSequence) {
    }

    static ByteBuffer header(byte[] magic, long number, long firstSequence) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(magic).put(FORMAT).put(new byte[3]).putLong(number).putLong(firstSequence);
        return header.flip();
    }

    /**
     * Turns {@code frame} (positioned at its payload's end, {@link #FRAME_OVERHEAD} bytes left free
     * at its start) into a finished frame of {@code sequence}, ready to be written.
     */
    static ByteBuffer seal(ByteBuffer frame, long sequence) {
        int payload = frame.position() - FRAME_OVERHEAD;
        frame.putLong(8, sequence);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), frame.arrayOffset() + 8, payload + Long.BYTES);
        frame.putInt(0, payload);
        frame.putInt(4, (int) crc.getValue());
        return frame.flip();
    }

    /** Reads a file of the journal frame by frame, counting the bytes that were whole. */
    static final class Reader implements AutoCloseable {

        private final DataInputStream in;
        private final String name;
        private long goodBytes;

        Reader(InputStream in, String name) {
            this.in = new DataInputStream(in);
            this.name = name;
        }

        /**
         * @throws JournalDamage if the file does not start with a header of this kind
         */
        Header header(byte[] magic) throws IOException {
            byte[] header = new byte[HEADER_BYTES];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                throw new JournalDamage(name + " is shorter than its header", 0);
            }
            ByteBuffer read = ByteBuffer.wrap(header);
            byte[] found = new byte[magic.length];
            read.get(found);
            if (!Arrays.equals(found, magic)) {
                throw new JournalDamage(name + " does not start with " + new String(magic, java.nio.charset.StandardCharsets.US_ASCII), 0);
            }
            byte format = read.get();
            if (format != FORMAT) {
                throw new JournalDamage(name + " has format " + format + "; this release reads " + FORMAT, 0);
            }
            read.position(8);
            goodBytes = HEADER_BYTES;
            return new Header(read.getLong(), read.getLong());
        }

        /**
         * The next whole frame's payload (its sequence in {@code sequence[0]}), or null at the clean
         * end of the file.
         *
         * @throws JournalDamage at a torn or damaged frame; {@link JournalDamage#goodBytes} says
         *                       where the last whole frame ended
         */
        byte[] next(long[] sequence) throws IOException {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return null;
            }
            try {
                int stored = in.readInt();
                long frameSequence = in.readLong();
                if (length < 0 || length > MAX_PAYLOAD) {
                    throw new JournalDamage(name + ": frame at byte " + goodBytes + " announces " + length + " bytes", goodBytes);
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                CRC32C crc = new CRC32C();
                crc.update(ByteBuffer.allocate(Long.BYTES).putLong(0, frameSequence));
                crc.update(payload);
                if ((int) crc.getValue() != stored) {
                    throw new JournalDamage(name + ": frame at byte " + goodBytes + " fails its checksum", goodBytes);
                }
                sequence[0] = frameSequence;
                goodBytes += FRAME_OVERHEAD + length;
                return payload;
            } catch (EOFException torn) {
                throw new JournalDamage(name + ": frame at byte " + goodBytes + " is cut short", goodBytes);
            }
        }

        long goodBytes() {
            return goodBytes;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** One stored binding of a home address: its care-of address and its {@link BindingRecord}. */
    record StoredBinding(int careOf, byte[] record) {
    }

    /** Visits the changes of a frame's payload. */
    interface ChangeVisitor {
        /** {@code home} has exactly {@code bindings} (none: no binding left). */
        void home(int home, List<StoredBinding> bindings) throws IOException;
    }

    /**
     * @throws JournalDamage if the payload does not divide into whole changes (it passed its
     *                       checksum, so only a writer of another layout can have made it)
     */
    static void forEachChange(byte[] payload, String where, ChangeVisitor visitor) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            while (in.hasRemaining()) {
                int home = in.getInt();
                int n = Short.toUnsignedInt(in.getShort());
                List<StoredBinding> bindings = n == 0 ? List.of() : new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int careOf = in.getInt();
                    byte[] record = new byte[Short.toUnsignedInt(in.getShort())];
                    in.get(record);
                    bindings.add(new StoredBinding(careOf, record));
                }
                visitor.home(home, bindings);
            }
        } catch (BufferUnderflowException cut) {
            throw new JournalDamage(where + ": a change is cut short inside its frame", -1);
        }
    }

    /** A journal file that is not as it was written; {@code goodBytes} of it were whole (-1: unknown). */
    static final class JournalDamage extends IOException {
        private static final long serialVersionUID = 1L;
        private final long goodBytes;

        JournalDamage(String message, long goodBytes) {
            super(message);
            this.goodBytes = goodBytes;
        }

        long goodBytes() {
            return goodBytes;
        }
    }
}
