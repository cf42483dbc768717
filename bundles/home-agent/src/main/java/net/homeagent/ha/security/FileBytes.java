package net.homeagent.ha.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a whole text file as bytes, for a parser that reads its fields in place. */
final class FileBytes {

    /**
     * {@link java.nio.file.Files#readAllBytes} reads through a temporary direct buffer as large as
     * the file: 75 MiB allocated and touched for a million associations, a quarter of a second at
     * the first load (docs/PERFORMANCE.md). One of this size is reused for every read instead.
     */
    private static final int READ_BYTES = 1 << 20;

    private FileBytes() {
    }

    /** The file's bytes, as they are: {@link #checkUtf8} tells whether they are text. */
    static byte[] read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is larger than 2 GiB");
            }
            byte[] text = new byte[(int) size];
            ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BYTES);
            int length = 0;
            while (channel.read(buffer.clear()) >= 0) {
                buffer.flip();
                if (length + buffer.remaining() > text.length) {
                    // the file grew while it was read: take what is there now
                    text = Arrays.copyOf(text, Math.max(text.length * 2, length + buffer.remaining()));
                }
                int read = buffer.remaining();
                buffer.get(text, length, read);
                length += read;
            }
            return length == text.length ? text : Arrays.copyOf(text, length);
        }
    }

    /** Returns if {@code text} is well-formed UTF-8. */
    static void checkUtf8(byte[] text) throws CharacterCodingException {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text));
    }
}
