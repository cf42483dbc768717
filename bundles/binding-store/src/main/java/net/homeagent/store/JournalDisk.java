package net.homeagent.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The few file operations the {@link BindingJournal} needs, in one folder, with their durability
 * spelled out as POSIX gives it: bytes written to a file survive a crash only after
 * {@link AppendFile#force}, and a name created, renamed or deleted only after
 * {@link #syncDirectory}. {@link DirectoryDisk} is the real one; the model check's simulated disk
 * loses exactly what these rules allow a crash to lose.
 */
interface JournalDisk {

    /** The names of the files in the folder. */
    List<String> list() throws IOException;

    /** Creates {@code name} empty (replacing one that exists) for appending. */
    AppendFile create(String name) throws IOException;

    /** Reads {@code name} from its start. */
    InputStream read(String name) throws IOException;

    long size(String name) throws IOException;

    /** Cuts {@code name} to {@code length} bytes, durably. */
    void truncate(String name, long length) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
    void rename(String from, String to) throws IOException;

    /** Copies {@code from} to {@code to} (for keeping a damaged file for analysis). */
    void copy(String from, String to) throws IOException;

    void delete(String name) throws IOException;

    /** Makes every create, rename and delete so far survive a crash (fsync of the folder). */
    void syncDirectory() throws IOException;

    /** Where the files are, for messages. */
    String describe(String name);

    /** A file being appended to. */
    interface AppendFile extends Closeable {

        /** Appends all of {@code bytes}. */
        void write(ByteBuffer bytes) throws IOException;

        /** Forces what was written to the disk (fdatasync). */
        void force() throws IOException;

        /** Cuts the file back to {@code length} bytes (after a failed write); appending goes on from there. */
        void truncate(long length) throws IOException;
    }
}
