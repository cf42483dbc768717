package net.homeagent.group.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.homeagent.group.MemberState;
import net.homeagent.group.wire.SyncMessage.LearnChunk;
import net.homeagent.group.wire.SyncMessage.LearnRequest;
import net.homeagent.group.wire.SyncMessage.MemberAnnounce;
import net.homeagent.group.wire.SyncMessage.MemberInfo;
import net.homeagent.group.wire.SyncMessage.NotInitialized;
import net.homeagent.group.wire.SyncMessage.Relearn;
import net.homeagent.group.wire.SyncMessage.RepairRequest;
import net.homeagent.group.wire.SyncMessage.StateChange;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;

/**
 * Encodes and decodes {@link SyncMessage}s, big-endian (docs/protocols.md, "Group binding sync").
 * Every payload starts {@code u8 version (2) | u8 type}. A binding's times travel relative to the
 * encoder's clock (remaining lifetime, age), as RFC 5944 binding snapshots carry them, and are
 * counted again from the decoder's clock: the two members' clocks need not agree.
 */
public final class SyncCodec {

    /** 2: terms in state changes, learn chunks and heartbeats; repair request and re-learn. */
    public static final int VERSION = 2;
    static final int STATE_CHANGE = 1;
    static final int LEARN_REQUEST = 2;
    static final int LEARN_CHUNK = 3;
    static final int NOT_INITIALIZED = 4;
    static final int MEMBER_ANNOUNCE = 5;
    static final int REPAIR_REQUEST = 6;
    static final int RELEARN = 7;
    /** Remaining lifetime of a binding that never expires. */
    static final long INFINITE = 0xFFFF_FFFFL;
    /** A binding record without its NAI. */
    public static final int BINDING_BYTES = 42;

    private SyncCodec() {
    }

    public static byte[] encode(SyncMessage message, Instant now) {
        ByteBuffer out;
        if (message instanceof StateChange c) {
            out = header(22 + bindingBytes(c.bindings()), STATE_CHANGE).putLong(c.term()).putLong(c.sequence())
                    .put(c.homeAddress().getAddress()).put((byte) c.removal().map(r -> r.ordinal() + 1).orElse(0).intValue());
            if (c.bindings().size() > 255) {
                throw new IllegalArgumentException("more than 255 bindings of one home address");
            }
            out.put((byte) c.bindings().size());
            c.bindings().forEach(b -> putBinding(out, b, now));
        } else if (message instanceof LearnRequest r) {
            out = header(8, LEARN_REQUEST).putInt(r.nodeId()).putInt(r.requestId());
        } else if (message instanceof LearnChunk k) {
            out = header(33 + 11 * k.members().size() + bindingBytes(k.bindings()), LEARN_CHUNK).putInt(k.requestId())
                    .putInt(k.index()).putInt(k.count()).put((byte) k.responderState().code()).putLong(k.term())
                    .putLong(k.sequence()).putShort((short) k.members().size());
            for (MemberInfo m : k.members()) {
                out.putInt(m.nodeId()).put(m.address().getAddress().getAddress())
                        .putShort((short) m.address().getPort()).put((byte) m.state().code());
            }
            out.putShort((short) k.bindings().size());
            k.bindings().forEach(b -> putBinding(out, b, now));
        } else if (message instanceof NotInitialized n) {
            out = header(4, NOT_INITIALIZED).putInt(n.requestId());
        } else if (message instanceof RepairRequest r) {
            out = header(24, REPAIR_REQUEST).putLong(r.term()).putLong(r.first()).putLong(r.last());
        } else if (message instanceof Relearn r) {
            out = header(24, RELEARN).putLong(r.term()).putLong(r.first()).putLong(r.last());
        } else {
            MemberAnnounce a = (MemberAnnounce) message;
            out = header(9, MEMBER_ANNOUNCE).put((byte) a.state().code()).putLong(a.term());
        }
        return out.array();
    }

    private static ByteBuffer header(int bodyBytes, int type) {
        return ByteBuffer.allocate(2 + bodyBytes).put((byte) VERSION).put((byte) type);
    }

    /** Bytes of {@code binding}'s record. */
    public static int size(Binding binding) {
        return BINDING_BYTES + binding.nai().map(n -> n.getBytes(StandardCharsets.UTF_8).length).orElse(0);
    }

    private static int bindingBytes(List<Binding> bindings) {
        return bindings.stream().mapToInt(SyncCodec::size).sum();
    }

    /**
     * @throws MalformedSyncMessage for anything that is not a whole, valid message of this version
     */
    public static SyncMessage decode(byte[] payload, Instant now) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            int version = in.get() & 0xFF;
            if (version != VERSION) {
                throw new MalformedSyncMessage("version " + version);
            }
            int type = in.get() & 0xFF;
            SyncMessage message = switch (type) {
                case STATE_CHANGE -> stateChange(in, now);
                case LEARN_REQUEST -> new LearnRequest(in.getInt(), in.getInt());
                case LEARN_CHUNK -> learnChunk(in, now);
                case NOT_INITIALIZED -> new NotInitialized(in.getInt());
                case MEMBER_ANNOUNCE -> new MemberAnnounce(state(in.get() & 0xFF), in.getLong());
                case REPAIR_REQUEST -> {
                    long[] range = range(in);
                    yield new RepairRequest(range[0], range[1], range[2]);
                }
                case RELEARN -> {
                    long[] range = range(in);
                    yield new Relearn(range[0], range[1], range[2]);
                }
                default -> throw new MalformedSyncMessage("type " + type);
            };
            if (in.hasRemaining()) {
                throw new MalformedSyncMessage(in.remaining() + " bytes after the message");
            }
            return message;
        } catch (BufferUnderflowException e) {
            throw new MalformedSyncMessage("truncated");
        }
    }

    private static StateChange stateChange(ByteBuffer in, Instant now) {
        long term = in.getLong();
        long sequence = in.getLong();
        Inet4Address home = address(in);
        int reason = in.get() & 0xFF;
        if (reason > RemovalReason.values().length) {
            throw new MalformedSyncMessage("removal reason " + reason);
        }
        int count = in.get() & 0xFF;
        List<Binding> bindings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Binding b = binding(in, now);
            if (!b.homeAddress().equals(home)) {
                throw new MalformedSyncMessage("a binding of another home address in a state change");
            }
            bindings.add(b);
        }
        return new StateChange(term, sequence, home, bindings,
                reason == 0 ? Optional.empty() : Optional.of(RemovalReason.values()[reason - 1]));
    }

    private static LearnChunk learnChunk(ByteBuffer in, Instant now) {
        int requestId = in.getInt();
        int index = in.getInt();
        int count = in.getInt();
        if (index < 0 || count <= 0 || index >= count) {
            throw new MalformedSyncMessage("chunk " + index + " of " + count);
        }
        MemberState responderState = state(in.get() & 0xFF);
        long term = in.getLong();
        long sequence = in.getLong();
        int memberCount = in.getShort() & 0xFFFF;
        List<MemberInfo> members = new ArrayList<>(memberCount);
        for (int i = 0; i < memberCount; i++) {
            int nodeId = in.getInt();
            Inet4Address address = address(in);
            int port = in.getShort() & 0xFFFF;
            members.add(new MemberInfo(nodeId, new InetSocketAddress(address, port), state(in.get() & 0xFF)));
        }
        int bindingCount = in.getShort() & 0xFFFF;
        List<Binding> bindings = new ArrayList<>(bindingCount);
        for (int i = 0; i < bindingCount; i++) {
            bindings.add(binding(in, now));
        }
        return new LearnChunk(requestId, index, count, responderState, term, sequence, members, bindings);
    }

    /** {@code u64 term | u64 first | u64 last}, sequence numbers counting from 1. */
    private static long[] range(ByteBuffer in) {
        long term = in.getLong();
        long first = in.getLong();
        long last = in.getLong();
        if (first < 1 || last < first) {
            throw new MalformedSyncMessage("sequence range " + first + "-" + last);
        }
        return new long[] {term, first, last};
    }

    private static MemberState state(int code) {
        try {
            return MemberState.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new MalformedSyncMessage("member state " + code);
        }
    }

    /**
     * {@code u32 home | u32 care-of | u32 home agent | u32 source | u16 source port | u32 granted lifetime
     * | u32 remaining s (0xFFFFFFFF: never expires) | u32 age s | u64 identification | u8 flags
     * | u8 encapsulation | u8 reverse tunnel | u8 NAI length | NAI (UTF-8)}
     */
    private static void putBinding(ByteBuffer out, Binding b, Instant now) {
        out.put(b.homeAddress().getAddress()).put(b.careOfAddress().getAddress()).put(b.homeAgent().getAddress())
                .put(b.sourceAddress().getAddress()).putShort((short) b.sourcePort()).putInt(b.grantedLifetime());
        long remaining = b.expiresAt().equals(Instant.MAX) ? INFINITE : Math.min(b.remainingSeconds(now), INFINITE - 1);
        long age = Math.max(0, Math.min(now.getEpochSecond() - b.registeredAt().getEpochSecond(), INFINITE));
        out.putInt((int) remaining).putInt((int) age).putLong(b.identification()).put((byte) b.flags())
                .put((byte) b.encapsulation().ordinal()).put((byte) (b.reverseTunnel() ? 1 : 0));
        byte[] nai = b.nai().map(n -> n.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        if (nai.length > 255) {
            throw new IllegalArgumentException("NAI longer than 255 bytes: " + nai.length);
        }
        out.put((byte) nai.length).put(nai);
    }

    private static Binding binding(ByteBuffer in, Instant now) {
        Inet4Address home = address(in);
        Inet4Address careOf = address(in);
        Inet4Address homeAgent = address(in);
        Inet4Address source = address(in);
        int port = in.getShort() & 0xFFFF;
        int granted = in.getInt();
        long remaining = in.getInt() & 0xFFFF_FFFFL;
        long age = in.getInt() & 0xFFFF_FFFFL;
        long identification = in.getLong();
        int flags = in.get() & 0xFF;
        int encapsulation = in.get() & 0xFF;
        int reverse = in.get() & 0xFF;
        if (encapsulation >= Encapsulation.values().length || reverse > 1 || granted < 0) {
            throw new MalformedSyncMessage("binding record of " + home.getHostAddress());
        }
        byte[] nai = new byte[in.get() & 0xFF];
        in.get(nai);
        return new Binding(home, careOf, homeAgent, source, port,
                nai.length == 0 ? Optional.empty() : Optional.of(new String(nai, StandardCharsets.UTF_8)), granted,
                now.minusSeconds(age), remaining == INFINITE ? Instant.MAX : now.plusSeconds(remaining),
                identification, flags, Encapsulation.values()[encapsulation], reverse == 1);
    }

    private static Inet4Address address(ByteBuffer in) {
        byte[] bytes = new byte[4];
        in.get(bytes);
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) { // four bytes are always an address
            throw new IllegalStateException(impossible);
        }
    }
}
