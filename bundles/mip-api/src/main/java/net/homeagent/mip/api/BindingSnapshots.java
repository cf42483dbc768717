package net.homeagent.mip.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Snapshots of the binding table, or of a {@link BindingFilter} of it, as a stream of records: what
 * a control node downloads from each home agent, what a redundancy-group member in learn state
 * receives from a peer, what an operator carries to another appliance. Provided by the binding store.
 *
 * <h2>Format (docs/storage.md, "Snapshots")</h2>
 * Big-endian, versioned, checked as a whole:
 * <pre>
 * header   "MIPB" | u8 format (2) | i64 taken at (the sender's clock, epoch ms)
 *          | u32 first home | u32 last home | u8 flags (bit 0: every binding of the range, no predicate)
 * records  n x (u16 length, not 0 | i64 key (home address high, care-of low) | binding record)
 * end      u16 0 | i64 n | u32 CRC-32 of every byte before it
 * </pre>
 * The binding record is the store's journal record (version byte first). Its times are the
 * sender's; a receiver has another clock, so it keeps only what is relative to the header's taken-at
 * time: the remaining lifetime ({@code expiresAt - takenAt}, as RFC 5944 mobility binding snapshots
 * carry it) and the age ({@code takenAt - registeredAt}), counted again from its own clock when it
 * imports. The remaining lifetime errs long by the time between the export and the import, never
 * short, so no mobile node loses its binding early. An infinite lifetime stays infinite. Format 1
 * (files written by {@code mip:backup-export} of earlier releases: absolute times, count in the
 * header, the whole table) is still read.
 */
@ProviderType
public interface BindingSnapshots {

    /**
     * Writes the bindings {@code filter} takes to {@code out}, each home address's bindings as of
     * one moment (the table as a whole is not frozen), after every change made before the call is
     * durable: what the snapshot holds is also on disk. {@code out} is flushed, not closed.
     *
     * @return how many bindings were written
     * @throws IOException if {@code out} fails, or the durable copy could not catch up
     */
    long export(BindingFilter filter, OutputStream out) throws IOException;

    /**
     * Shows the bindings {@code filter} takes to {@code consumer}, each home address's bindings as of
     * one moment, with this node's times; for a caller in this process that makes its own records.
     *
     * @return how many bindings were shown
     */
    long export(BindingFilter filter, Consumer<Binding> consumer);

    /**
     * Reads a whole snapshot from {@code in} and checks it (magic, format, framing, count, CRC)
     * before it changes anything: a truncated, damaged or unknown snapshot is refused with an
     * {@link IOException} that says which, and the table is left as it was. Then, one home address at
     * a time, atomically for each (one journal entry, events in order), it applies {@code mode}; the
     * changes go through the journal like any other and reach the listeners with {@code origin}.
     * Reads exactly the snapshot: bytes after its end are left in {@code in}.
     * <p>
     * A home address changed here (registered, renewed, removed) while the import runs keeps that
     * change: it is newer than the snapshot, and it may have been acknowledged to its mobile node.
     * Bindings whose remaining lifetime has run out are skipped; a record this release cannot read is
     * refused, and in {@link ImportMode#REPLACE} so is the rest of its home address, which keeps its
     * state here.
     *
     * @param origin {@link ChangeOrigin#IMPORTED} for an operator's file, {@link ChangeOrigin#DOWNLOADED}
     *               for a peer's snapshot, {@link ChangeOrigin#REPLICATED} for a peer's changes;
     *               never LOCAL or RESTORED
     * @throws IOException if the snapshot is not whole and intact, or {@link ImportMode#REPLACE} is asked
     *                     of a snapshot taken with a predicate; nothing was applied then
     */
    ImportResult importFrom(InputStream in, ImportMode mode, ChangeOrigin origin) throws IOException;

    /** What an import does with the bindings it reads. */
    enum ImportMode {
        /**
         * Each home address of the snapshot gets the snapshot's bindings beside its others here; a
         * binding at the same care-of address is replaced by the snapshot's (an operator's migration).
         */
        MERGE,
        /**
         * Each home address of the snapshot's range gets exactly the snapshot's bindings; one the
         * snapshot does not hold loses its bindings here (reason REPLACED). A learn state: the peer's
         * table is the truth for the range, except for what changed here since the import began.
         */
        REPLACE
    }

    /**
     * @param read           binding records in the snapshot
     * @param applied        bindings registered from it
     * @param skippedExpired bindings whose remaining lifetime had run out
     * @param refusedBad     records this release cannot read
     * @param keptNewer      bindings of the snapshot not applied because their home address changed
     *                       here during the import
     * @param removed        bindings here that a {@link ImportMode#REPLACE} removed
     */
    record ImportResult(long read, long applied, long skippedExpired, long refusedBad, long keptNewer, long removed) {
    }
}
