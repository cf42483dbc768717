package net.homeagent.hacn.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import net.homeagent.hacn.wire.BindingRecords;
import net.homeagent.hacn.wire.MalformedHacnMessage;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.support.DurableFile;

/**
 * The control node's checkpoint (docs/hacn.md, "Durable snapshots"): every HA's state, successor,
 * whether it is redundant now and whether its mobiles wait for a takeover, and its MBR. Written
 * whole to a temporary file, forced to disk, renamed over the last one and the folder forced, so a
 * crash leaves the previous checkpoint or this one, never a mix. Big-endian:
 *
 * <pre>
 * "HACNCKPT" | u8 version (1) | u64 written at (epoch ms) | u32 HAs
 * each HA: u32 node id | u8 state (see STATES) | u32 successor (0: none) | u8 flags (1 redundant now,
 *          2 awaiting takeover) | u32 n | n x binding record (docs/protocols.md, "Control node"; times
 *          relative to "written at")
 * u32 CRC-32C of everything before it
 * </pre>
 */
final class CheckpointFile {

    private static final byte[] MAGIC = "HACNCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    /** The state codes of the file, by position: never reorder, only append. */
    private static final List<AgentState> STATES = List.of(AgentState.UNKNOWN, AgentState.ACTIVE, AgentState.SUSPECT,
            AgentState.STANDING_BY, AgentState.RECEIVING, AgentState.SWITCHING_OVER, AgentState.FAILED,
            AgentState.REJOINING);

    /** The code of {@code state} in the file and in the standby's replicas (HacnCodec.AGENT_STATES of them). */
    static int code(AgentState state) {
        return STATES.indexOf(state);
    }

    static AgentState state(int code) {
        return STATES.get(code);
    }

    /** One HA as the checkpoint keeps it. */
    record Agent(int nodeId, AgentState state, int successor, boolean redundant, boolean awaitingTakeover,
            List<Binding> bindings) {
        Agent {
            bindings = List.copyOf(bindings);
        }
    }

    /** What a checkpoint holds, and when it was written. */
    record Contents(Instant writtenAt, List<Agent> agents) {
    }

    /** A checkpoint that cannot be used: its reason names the fault. */
    static final class Damaged extends Exception {
        private static final long serialVersionUID = 1L;

        Damaged(String why) {
            super(why);
        }
    }

    private CheckpointFile() {
    }

    /** @return the bytes written */
    static int write(Path file, List<Agent> agents, Instant now) throws IOException {
        byte[] bytes = encode(agents, now);
        DurableFile.replace(file, bytes);
        return bytes.length;
    }

    static byte[] encode(List<Agent> agents, Instant now) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeLong(now.toEpochMilli());
            out.writeInt(agents.size());
            for (Agent a : agents) {
                out.writeInt(a.nodeId());
                out.writeByte(STATES.indexOf(a.state()));
                out.writeInt(a.successor());
                out.writeByte((a.redundant() ? 1 : 0) | (a.awaitingTakeover() ? 2 : 0));
                out.writeInt(a.bindings().size());
                for (Binding b : a.bindings()) {
                    BindingRecords.write(out, b, now);
                }
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory", e); // a ByteArrayOutputStream never fails
        }
        return bytes.toByteArray();
    }

    static Contents read(Path file) throws IOException, Damaged {
        return decode(Files.readAllBytes(file));
    }

    static Contents decode(byte[] bytes) throws Damaged {
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new Damaged("not a control node checkpoint (no HACNCKPT at its start)");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new Damaged("CRC-32C mismatch: the file is damaged or was cut short");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - 4
                - MAGIC.length));
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new Damaged("version " + version + ", this control node reads " + VERSION);
            }
            Instant writtenAt = Instant.ofEpochMilli(in.readLong());
            int count = in.readInt();
            List<Agent> agents = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                agents.add(agent(in, writtenAt));
            }
            if (in.available() > 0) {
                throw new Damaged(in.available() + " bytes after the last HA");
            }
            return new Contents(writtenAt, agents);
        } catch (EOFException e) {
            throw new Damaged("truncated");
        } catch (IOException e) {
            throw new Damaged("unreadable: " + e.getMessage()); // not from a byte array
        }
    }

    private static Agent agent(DataInputStream in, Instant writtenAt) throws IOException, Damaged {
        int nodeId = in.readInt();
        int code = in.readUnsignedByte();
        if (code >= STATES.size()) {
            throw new Damaged("HA " + nodeId + ": state " + code);
        }
        int successor = in.readInt();
        int flags = in.readUnsignedByte();
        int n = in.readInt();
        if (n < 0) {
            throw new Damaged("HA " + nodeId + ": " + Integer.toUnsignedString(n) + " bindings");
        }
        List<Binding> bindings = new ArrayList<>(Math.min(n, 4096));
        for (int i = 0; i < n; i++) {
            try {
                bindings.add(BindingRecords.read(in, writtenAt));
            } catch (MalformedHacnMessage e) {
                throw new Damaged("HA " + nodeId + ": " + e.getMessage());
            }
        }
        return new Agent(nodeId, STATES.get(code), successor, (flags & 1) != 0, (flags & 2) != 0, bindings);
    }
}
