package net.homeagent.loadgen;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The ledger file of {@code --ledger} (layout in {@link LoadOptions#USAGE}), big-endian:
 * <pre>
 * "MIPL" | u8 format (1) | u32 home address of node 0 | i32 nodes |
 * nodes x (u8 state 0 never / 1 registered / 2 deregistered | u32 care-of | u16 lifetime |
 *          u8 unanswered requests (255 = 255 or more) | u32 care-of | u16 lifetime of the newest of them |
 *          i32 care-of generation)
 * </pre>
 * 18 bytes a node. The care-of generation lets a later run ({@code --from-ledger}) move each node
 * on to care-of addresses it never used. Written beside the target and renamed into place, so a
 * reader never sees half a ledger.
 */
final class LedgerFile {

    private static final byte[] MAGIC = {'M', 'I', 'P', 'L'};
    private static final byte FORMAT = 1;

    /** A ledger as read: whose nodes, their states and their care-of generations. */
    record Contents(int homeBase, AcknowledgementLedger ledger, int[] careOfGenerations) {
    }

    private LedgerFile() {
    }

    static void write(Path file, int homeBase, AcknowledgementLedger ledger, int[] careOfGenerations)
            throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.write(MAGIC);
            out.writeByte(FORMAT);
            out.writeInt(homeBase);
            out.writeInt(ledger.nodes());
            for (int node = 0; node < ledger.nodes(); node++) {
                out.writeByte(ledger.acknowledged(node));
                out.writeInt(ledger.acknowledgedCareOf(node));
                out.writeShort(ledger.acknowledgedLifetime(node));
                out.writeByte(ledger.unanswered(node));
                out.writeInt(ledger.unansweredCareOf(node));
                out.writeShort(ledger.unansweredLifetime(node));
                out.writeInt(careOfGenerations[node]);
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Contents read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new IOException(file + " is not a load generator ledger");
            }
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IOException(file + " has ledger format " + format + "; this version reads " + FORMAT);
            }
            int homeBase = in.readInt();
            int nodes = in.readInt();
            if (nodes < 1) {
                throw new IOException(file + " announces " + nodes + " nodes");
            }
            AcknowledgementLedger ledger = new AcknowledgementLedger(nodes);
            int[] generations = new int[nodes];
            for (int node = 0; node < nodes; node++) {
                byte state = in.readByte();
                int careOf = in.readInt();
                int lifetime = in.readUnsignedShort();
                int unanswered = in.readUnsignedByte();
                int unansweredCareOf = in.readInt();
                int unansweredLifetime = in.readUnsignedShort();
                ledger.restore(node, state, careOf, lifetime, unanswered, unansweredCareOf, unansweredLifetime);
                generations[node] = in.readInt();
            }
            if (in.read() != -1) {
                throw new IOException(file + " has data after its last node");
            }
            return new Contents(homeBase, ledger, generations);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
