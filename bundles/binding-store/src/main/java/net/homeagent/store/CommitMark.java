package net.homeagent.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * A small file in the journal's folder naming the newest frame known to be on disk. A log whose
 * tail was cut off at a frame boundary reads as whole; comparing with this mark is how such a loss
 * is noticed and reported (and how a torn frame that had once been whole is told from the
 * unfinished write of a crash).
 * <p>
 * The mark is written only after its frame was forced to disk, so it can lag behind the log but
 * never run ahead of it; it is not forced itself: if a crash loses it, an older or missing mark
 * only makes the check weaker, never wrong.
 */
final class CommitMark {

    static final String NAME = "journal.mark";

    private CommitMark() {
    }

    /** The frame recorded, or empty if there is no readable mark. */
    static OptionalLong read(JournalDisk disk) {
        try (InputStream in = disk.read(NAME)) {
            String[] fields = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
            if (fields.length != 2 || !fields[1].equals(checksum(fields[0]))) {
                return OptionalLong.empty(); // torn: the mark is never forced
            }
            return OptionalLong.of(Long.parseLong(fields[0]));
        } catch (IOException | NumberFormatException absentOrTorn) {
            return OptionalLong.empty();
        }
    }

    /** So that a mark a crash tore is not taken for a smaller or larger number. */
    private static String checksum(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return Long.toHexString(crc.getValue());
    }

    /** Records {@code sequence}; a failure only weakens the next start's check, so it is not thrown. */
    static boolean write(JournalDisk disk, long sequence) {
        String partial = NAME + BindingJournal.PARTIAL_SUFFIX;
        try (JournalDisk.AppendFile out = disk.create(partial)) {
            String text = Long.toString(sequence);
            out.write(ByteBuffer.wrap((text + " " + checksum(text)).getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            return false;
        }
        try {
            disk.rename(partial, NAME);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
