package net.homeagent.hacn.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.homeagent.hacn.wire.HacnMessage.Activate;
import net.homeagent.hacn.wire.HacnMessage.AgentEntry;
import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.hacn.wire.HacnMessage.ChangeReport;
import net.homeagent.hacn.wire.HacnMessage.FailingInterrupt;
import net.homeagent.hacn.wire.HacnMessage.ForwardedReply;
import net.homeagent.hacn.wire.HacnMessage.ForwardedRequest;
import net.homeagent.hacn.wire.HacnMessage.Heartbeat;
import net.homeagent.hacn.wire.HacnMessage.LearnRequest;
import net.homeagent.hacn.wire.HacnMessage.LearnSummary;
import net.homeagent.hacn.wire.HacnMessage.LearnedAgent;
import net.homeagent.hacn.wire.HacnMessage.Poll;
import net.homeagent.hacn.wire.HacnMessage.PollAnswer;
import net.homeagent.hacn.wire.HacnMessage.ReplicaAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaHome;
import net.homeagent.hacn.wire.HacnMessage.ServeHeld;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.hacn.wire.HacnMessage.SnapshotRequest;
import net.homeagent.hacn.wire.HacnMessage.StandBy;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Encodes and decodes {@link HacnMessage}s, big-endian (docs/protocols.md, "Control node"). Every
 * payload starts {@code u8 version (1) | u8 type}. Decoding reads exactly one whole message or
 * refuses it with {@link MalformedHacnMessage}: truncated, bytes after its end, a field out of range.
 */
public final class HacnCodec {

    /** The control node's peer-link service number (docs/protocols.md, "Service numbers"). */
    public static final int SERVICE = 2;
    public static final int VERSION = 1;

    static final int FORWARDED_REQUEST = 1;
    static final int FORWARDED_REPLY = 2;
    static final int CHANGE_REPORT = 3;
    static final int HEARTBEAT = 4;
    static final int POLL = 5;
    static final int POLL_ANSWER = 6;
    static final int FAILING_INTERRUPT = 7;
    static final int SNAPSHOT_REQUEST = 8;
    static final int SNAPSHOT_CHUNK = 9;
    static final int ACTIVATE = 10;
    static final int STAND_BY = 11;
    static final int REPLICA_HOME = 12;
    static final int REPLICA_AGENT = 13;
    static final int LEARN_REQUEST = 14;
    static final int LEARN_SUMMARY = 15;
    static final int SERVE_HELD = 16;

    /** The HA states an {@link AgentEntry} may carry (docs/protocols.md, "Control node"). */
    public static final int AGENT_STATES = 8;

    /** Bytes of a snapshot chunk without its binding records. */
    public static final int CHUNK_OVERHEAD = 24;

    private HacnCodec() {
    }

    /** Bytes a binding takes in a chunk or a report. */
    public static int size(Binding binding) {
        return BindingRecords.size(binding);
    }

    public static byte[] encode(HacnMessage message, Instant now) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeByte(VERSION);
            write(message, out, now);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e); // a ByteArrayOutputStream never fails
        }
        return bytes.toByteArray();
    }

    private static void write(HacnMessage message, DataOutputStream out, Instant now) throws IOException {
        if (message instanceof ForwardedRequest f) {
            out.writeByte(FORWARDED_REQUEST);
            out.writeLong(f.requestId());
            socket(out, f.origin());
            socket(out, f.arrivedOn());
            blob(out, f.request());
        } else if (message instanceof ForwardedReply r) {
            out.writeByte(FORWARDED_REPLY);
            out.writeLong(r.requestId());
            out.writeByte(r.reply().isPresent() ? 1 : 0);
            blob(out, r.reply().orElse(new byte[0]));
            homeState(out, r.homeAddress(), r.bindings(), now);
        } else if (message instanceof ChangeReport c) {
            out.writeByte(CHANGE_REPORT);
            out.writeLong(c.sequence());
            homeState(out, c.homeAddress(), c.bindings(), now);
        } else if (message instanceof Heartbeat h) {
            out.writeByte(HEARTBEAT);
            out.writeLong(h.lastSequence());
            out.writeInt(h.bindings());
            out.writeByte(h.role().code());
        } else if (message instanceof Poll p) {
            out.writeByte(POLL);
            out.writeInt(p.pollId());
        } else if (message instanceof PollAnswer a) {
            out.writeByte(POLL_ANSWER);
            out.writeInt(a.pollId());
            out.writeLong(a.lastSequence());
            out.writeInt(a.bindings());
            out.writeByte(a.role().code());
        } else if (message instanceof FailingInterrupt i) {
            out.writeByte(FAILING_INTERRUPT);
            byte[] reason = i.reason().getBytes(StandardCharsets.UTF_8);
            int length = Math.min(reason.length, 255);
            out.writeByte(length);
            out.write(reason, 0, length);
        } else if (message instanceof SnapshotRequest s) {
            out.writeByte(SNAPSHOT_REQUEST);
            out.writeInt(s.transferId());
        } else if (message instanceof SnapshotChunk k) {
            out.writeByte(SNAPSHOT_CHUNK);
            out.writeInt(k.transferId());
            out.writeInt(k.index());
            out.writeInt(k.count());
            out.writeLong(k.sequence());
            out.writeShort(k.bindings().size());
            for (Binding b : k.bindings()) {
                BindingRecords.write(out, b, now);
            }
        } else if (message instanceof StandBy s) {
            out.writeByte(STAND_BY);
            out.writeInt(s.successor());
        } else if (message instanceof ReplicaHome h) {
            out.writeByte(REPLICA_HOME);
            out.writeLong(h.sequence());
            out.writeInt(h.nodeId());
            homeState(out, h.homeAddress(), h.bindings(), now);
        } else if (message instanceof ReplicaAgent a) {
            out.writeByte(REPLICA_AGENT);
            out.writeLong(a.sequence());
            entry(out, a.agent());
        } else if (message instanceof ServeHeld h) {
            out.writeByte(SERVE_HELD);
            out.writeInt(h.bindings());
        } else if (message instanceof LearnRequest l) {
            out.writeByte(LEARN_REQUEST);
            out.writeInt(l.transferId());
        } else if (message instanceof LearnSummary l) {
            if (l.agents().size() > 0xFFFF) {
                throw new IllegalArgumentException(l.agents().size() + " HAs in a learn summary");
            }
            out.writeByte(LEARN_SUMMARY);
            out.writeInt(l.transferId());
            out.writeByte(l.active() ? 1 : 0);
            out.writeLong(l.sequence());
            out.writeShort(l.agents().size());
            for (LearnedAgent a : l.agents()) {
                entry(out, a.entry());
                out.writeInt(a.mbrTransferId());
                out.writeInt(a.chunks());
            }
        } else {
            Activate a = (Activate) message; // the last of the sealed interface's records
            out.writeByte(ACTIVATE);
            out.writeInt(a.transferId());
            out.writeInt(a.chunks());
        }
    }

    /** u32 node id | u8 state | u32 successor | u8 flags (1 redundant, 2 awaiting takeover), as the checkpoint. */
    private static void entry(DataOutputStream out, AgentEntry entry) throws IOException {
        out.writeInt(entry.nodeId());
        out.writeByte(entry.state());
        out.writeInt(entry.successor());
        out.writeByte((entry.redundant() ? 1 : 0) | (entry.awaitingTakeover() ? 2 : 0));
    }

    private static AgentEntry entry(DataInputStream in) throws IOException, MalformedHacnMessage {
        int nodeId = in.readInt();
        int state = in.readUnsignedByte();
        if (nodeId <= 0 || state >= AGENT_STATES) {
            throw new MalformedHacnMessage("HA " + Integer.toUnsignedString(nodeId) + " in state " + state);
        }
        int successor = count(in.readInt());
        int flags = in.readUnsignedByte();
        if (flags > 3) {
            throw new MalformedHacnMessage("HA flags " + flags);
        }
        return new AgentEntry(nodeId, state, successor, (flags & 1) != 0, (flags & 2) != 0);
    }

    private static LearnSummary learnSummary(DataInputStream in) throws IOException, MalformedHacnMessage {
        int transferId = in.readInt();
        int active = in.readUnsignedByte();
        if (active > 1) {
            throw new MalformedHacnMessage("active flag " + active);
        }
        long sequence = in.readLong();
        int n = in.readUnsignedShort();
        if (active == 0 && n > 0) {
            throw new MalformedHacnMessage("a standby control node's summary listing " + n + " HAs");
        }
        List<LearnedAgent> agents = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            AgentEntry entry = entry(in);
            int mbrTransferId = in.readInt();
            int chunks = in.readInt();
            if (chunks <= 0) {
                throw new MalformedHacnMessage("HA " + entry.nodeId() + "'s MBR in " + Integer.toUnsignedString(chunks)
                        + " chunks");
            }
            agents.add(new LearnedAgent(entry, mbrTransferId, chunks));
        }
        return new LearnSummary(transferId, active == 1, sequence, agents);
    }

    private static void socket(DataOutputStream out, InetSocketAddress address) throws IOException {
        out.writeInt(Ipv4.toInt(Ipv4.addressOf(address)));
        out.writeShort(address.getPort());
    }

    private static void blob(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("a message of " + bytes.length + " bytes");
        }
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static void homeState(DataOutputStream out, Inet4Address home, List<Binding> bindings, Instant now)
            throws IOException {
        if (bindings.size() > 255) {
            throw new IllegalArgumentException("more than 255 bindings of one home address");
        }
        out.writeInt(Ipv4.toInt(home));
        out.writeByte(bindings.size());
        for (Binding b : bindings) {
            BindingRecords.write(out, b, now);
        }
    }

    /**
     * @throws MalformedHacnMessage for anything that is not one whole, valid message of this version
     */
    public static HacnMessage decode(byte[] payload, Instant now) throws MalformedHacnMessage {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new MalformedHacnMessage("version " + version);
            }
            HacnMessage message = read(in.readUnsignedByte(), in, now);
            if (in.available() > 0) {
                throw new MalformedHacnMessage(in.available() + " bytes after the message");
            }
            return message;
        } catch (EOFException e) {
            throw new MalformedHacnMessage("truncated");
        } catch (IOException e) {
            throw new MalformedHacnMessage("unreadable: " + e.getMessage()); // not from a byte array
        }
    }

    private static HacnMessage read(int type, DataInputStream in, Instant now)
            throws IOException, MalformedHacnMessage {
        return switch (type) {
            case FORWARDED_REQUEST -> new ForwardedRequest(in.readLong(), socket(in), socket(in), blob(in));
            case FORWARDED_REPLY -> forwardedReply(in, now);
            case CHANGE_REPORT -> {
                long sequence = in.readLong();
                Inet4Address home = Ipv4.of(in.readInt());
                yield new ChangeReport(sequence, home, homeBindings(in, home, now));
            }
            case HEARTBEAT -> new Heartbeat(in.readLong(), count(in.readInt()), role(in.readUnsignedByte()));
            case POLL -> new Poll(in.readInt());
            case POLL_ANSWER -> new PollAnswer(in.readInt(), in.readLong(), count(in.readInt()),
                    role(in.readUnsignedByte()));
            case FAILING_INTERRUPT -> {
                byte[] reason = new byte[in.readUnsignedByte()];
                in.readFully(reason);
                yield new FailingInterrupt(new String(reason, StandardCharsets.UTF_8));
            }
            case SNAPSHOT_REQUEST -> new SnapshotRequest(in.readInt());
            case SNAPSHOT_CHUNK -> snapshotChunk(in, now);
            case ACTIVATE -> new Activate(in.readInt(), count(in.readInt()));
            case STAND_BY -> new StandBy(count(in.readInt()));
            case REPLICA_HOME -> {
                long sequence = in.readLong();
                int nodeId = in.readInt();
                if (nodeId <= 0) {
                    throw new MalformedHacnMessage("HA " + Integer.toUnsignedString(nodeId));
                }
                Inet4Address home = Ipv4.of(in.readInt());
                yield new ReplicaHome(sequence, nodeId, home, homeBindings(in, home, now));
            }
            case REPLICA_AGENT -> new ReplicaAgent(in.readLong(), entry(in));
            case LEARN_REQUEST -> new LearnRequest(in.readInt());
            case LEARN_SUMMARY -> learnSummary(in);
            case SERVE_HELD -> new ServeHeld(count(in.readInt()));
            default -> throw new MalformedHacnMessage("type " + type);
        };
    }

    private static ForwardedReply forwardedReply(DataInputStream in, Instant now)
            throws IOException, MalformedHacnMessage {
        long requestId = in.readLong();
        int hasReply = in.readUnsignedByte();
        byte[] reply = blob(in);
        if (hasReply > 1 || (hasReply == 0 && reply.length > 0)) {
            throw new MalformedHacnMessage("reply flag " + hasReply + " with " + reply.length + " bytes");
        }
        Inet4Address home = Ipv4.of(in.readInt());
        return new ForwardedReply(requestId, hasReply == 1 ? Optional.of(reply) : Optional.empty(), home,
                homeBindings(in, home, now));
    }

    private static SnapshotChunk snapshotChunk(DataInputStream in, Instant now)
            throws IOException, MalformedHacnMessage {
        int transferId = in.readInt();
        int index = in.readInt();
        int count = in.readInt();
        if (index < 0 || count <= 0 || index >= count) {
            throw new MalformedHacnMessage("chunk " + index + " of " + count);
        }
        long sequence = in.readLong();
        int n = in.readUnsignedShort();
        List<Binding> bindings = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            bindings.add(BindingRecords.read(in, now));
        }
        return new SnapshotChunk(transferId, index, count, sequence, bindings);
    }

    private static List<Binding> homeBindings(DataInputStream in, Inet4Address home, Instant now)
            throws IOException, MalformedHacnMessage {
        int n = in.readUnsignedByte();
        List<Binding> bindings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Binding b = BindingRecords.read(in, now);
            if (!b.homeAddress().equals(home)) {
                throw new MalformedHacnMessage("a binding of another home address than " + home.getHostAddress());
            }
            bindings.add(b);
        }
        return bindings;
    }

    private static InetSocketAddress socket(DataInputStream in) throws IOException {
        Inet4Address address = Ipv4.of(in.readInt());
        return new InetSocketAddress(address, in.readUnsignedShort());
    }

    private static byte[] blob(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return bytes;
    }

    private static int count(int value) throws MalformedHacnMessage {
        if (value < 0) {
            throw new MalformedHacnMessage("count " + Integer.toUnsignedString(value));
        }
        return value;
    }

    private static AgentRole role(int code) throws MalformedHacnMessage {
        return AgentRole.ofCode(code).orElseThrow(() -> new MalformedHacnMessage("role " + code));
    }
}
