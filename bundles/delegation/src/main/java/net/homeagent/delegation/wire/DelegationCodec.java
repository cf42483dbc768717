package net.homeagent.delegation.wire;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import net.homeagent.delegation.wire.DelegationMessage.Batch;
import net.homeagent.delegation.wire.DelegationMessage.EntryPackets;
import net.homeagent.delegation.wire.DelegationMessage.Heartbeat;
import net.homeagent.delegation.wire.DelegationMessage.LoadReport;
import net.homeagent.delegation.wire.DelegationMessage.StartAck;
import net.homeagent.delegation.wire.DelegationMessage.StartForwarding;
import net.homeagent.delegation.wire.DelegationMessage.StopAck;
import net.homeagent.delegation.wire.DelegationMessage.StopForwarding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Encodes and decodes {@link DelegationMessage}s, big-endian (docs/protocols.md, "Delegation").
 * Every payload starts {@code u8 version (1) | u8 type | u32 transaction}; each type has one fixed
 * length, but for the Load Report and the Batch, whose lengths follow from their counts. Decoding reads exactly one whole message or refuses it with
 * {@link MalformedDelegationMessage}: another version, an unknown type, another length, a field out
 * of range. Reliability, authentication and replay protection are the peer link's.
 */
public final class DelegationCodec {

    /** The delegation's peer-link service number (docs/protocols.md, "Service numbers"). */
    public static final int SERVICE = 3;
    public static final int VERSION = 1;

    static final int START_FORWARDING = 1;
    static final int START_ACK = 2;
    static final int STOP_FORWARDING = 3;
    static final int STOP_ACK = 4;
    static final int HEARTBEAT = 5;
    static final int LOAD_REPORT = 6;
    static final int BATCH = 7;

    static final int HEADER_LENGTH = 6;
    static final int START_LENGTH = 32;
    static final int ACK_LENGTH = 11;
    static final int STOP_LENGTH = 10;
    static final int HEARTBEAT_LENGTH = 14;
    /** A Load Report without entries; each entry adds {@link #LOAD_ENTRY_LENGTH}. */
    static final int LOAD_REPORT_FIXED_LENGTH = 26;
    static final int LOAD_ENTRY_LENGTH = 12;
    /** A batch's header and count; its elements follow. */
    static final int BATCH_FIXED_LENGTH = 8;

    /** Start Forwarding flags octet: reverse tunnelling granted (RFC 3024). */
    static final int REVERSE_TUNNEL = 0x01;
    /** Load Report flags octet: more entries changed than the report lists. */
    static final int TRUNCATED = 0x01;

    private DelegationCodec() {
    }

    public static byte[] encode(DelegationMessage message) {
        ByteBuffer out;
        if (message instanceof StartForwarding s) {
            out = header(START_LENGTH, START_FORWARDING, s.transaction());
            out.putInt(Ipv4.toInt(s.home())).putInt(Ipv4.toInt(s.careOf())).putInt(Ipv4.toInt(s.tunnelSource()));
            out.put((byte) s.encapsulation().ordinal()).put((byte) s.innerEncapsulation().ordinal());
            out.put((byte) (s.reverseTunnel() ? REVERSE_TUNNEL : 0)).put((byte) 0);
            out.putInt(Ipv4.toInt(s.udpPeer().map(p -> (Inet4Address) p.getAddress()).orElse(Ipv4.UNSPECIFIED)));
            out.putShort((short) s.udpPeer().map(InetSocketAddress::getPort).orElse(0).intValue());
            out.putInt((int) s.durationSeconds());
        } else if (message instanceof StartAck a) {
            out = header(ACK_LENGTH, START_ACK, a.transaction());
            out.putInt(Ipv4.toInt(a.home())).put((byte) a.result().code());
        } else if (message instanceof StopForwarding s) {
            out = header(STOP_LENGTH, STOP_FORWARDING, s.transaction());
            out.putInt(Ipv4.toInt(s.home()));
        } else if (message instanceof StopAck a) {
            out = header(ACK_LENGTH, STOP_ACK, a.transaction());
            out.putInt(Ipv4.toInt(a.home())).put((byte) a.result().code());
        } else if (message instanceof Batch b) {
            out = header(BATCH_FIXED_LENGTH + b.elements().stream().mapToInt(e -> e.length).sum(), BATCH,
                    b.transaction());
            out.putShort((short) b.elements().size());
            b.elements().forEach(out::put);
        } else if (message instanceof LoadReport r) {
            out = header(LOAD_REPORT_FIXED_LENGTH + LOAD_ENTRY_LENGTH * r.entries().size(), LOAD_REPORT,
                    r.transaction());
            out.putLong(r.totalPackets()).putLong(r.uptimeMillis());
            out.put((byte) (r.truncated() ? TRUNCATED : 0)).put((byte) 0);
            out.putShort((short) r.entries().size());
            r.entries().forEach(e -> out.putInt(Ipv4.toInt(e.home())).putLong(e.packets()));
        } else {
            Heartbeat h = (Heartbeat) message;
            out = header(HEARTBEAT_LENGTH, HEARTBEAT, h.transaction());
            out.putInt((int) h.entries()).putInt((int) h.capacity());
        }
        return out.array();
    }

    private static ByteBuffer header(int length, int type, long transaction) {
        return ByteBuffer.allocate(length).put((byte) VERSION).put((byte) type).putInt((int) transaction);
    }

    public static DelegationMessage decode(byte[] payload) throws MalformedDelegationMessage {
        if (payload.length < HEADER_LENGTH) {
            throw new MalformedDelegationMessage("truncated: " + payload.length + " bytes", -1, -1, Optional.empty());
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        int version = in.get() & 0xff;
        int type = in.get() & 0xff;
        long transaction = in.getInt() & 0xFFFF_FFFFL;
        Optional<Inet4Address> home = payload.length >= HEADER_LENGTH + 4
                ? Optional.of(Ipv4.of(ByteBuffer.wrap(payload, HEADER_LENGTH, 4).getInt()))
                : Optional.empty();
        if (version != VERSION) {
            throw new MalformedDelegationMessage("version " + version, -1, -1, Optional.empty());
        }
        Reader read = new Reader(in, type, transaction, home);
        return switch (type) {
            case START_FORWARDING -> read.start();
            case START_ACK -> read.length(ACK_LENGTH, "Start Forwarding Ack").startAck();
            case STOP_FORWARDING -> new StopForwarding(transaction, read.length(STOP_LENGTH, "Stop Forwarding").address());
            case STOP_ACK -> read.length(ACK_LENGTH, "Stop Forwarding Ack").stopAck();
            case HEARTBEAT -> read.length(HEARTBEAT_LENGTH, "Heartbeat").heartbeat();
            case LOAD_REPORT -> read.loadReport();
            case BATCH -> read.batch();
            default -> throw new MalformedDelegationMessage("unknown type " + type, type, transaction, home);
        };
    }

    /** The fields after the header of one message, each checked; a failure names the message. */
    private record Reader(ByteBuffer in, int type, long transaction, Optional<Inet4Address> home) {

        Reader length(int expected, String what) throws MalformedDelegationMessage {
            if (in.limit() != expected) {
                throw bad(what + " of " + in.limit() + " bytes, not " + expected);
            }
            return this;
        }

        MalformedDelegationMessage bad(String why) {
            return new MalformedDelegationMessage(why, type, transaction, home);
        }

        Inet4Address address() {
            return Ipv4.of(in.getInt());
        }

        Inet4Address specified(String what) throws MalformedDelegationMessage {
            Inet4Address address = address();
            if (Ipv4.isUnspecified(address)) {
                throw bad(what + " is 0.0.0.0");
            }
            return address;
        }

        Encapsulation encapsulation(String what) throws MalformedDelegationMessage {
            int code = in.get() & 0xff;
            if (code >= Encapsulation.values().length) {
                throw bad(what + " " + code);
            }
            return Encapsulation.values()[code];
        }

        StartForwarding start() throws MalformedDelegationMessage {
            length(START_LENGTH, "Start Forwarding");
            Inet4Address homeAddress = specified("home address");
            Inet4Address careOf = specified("care-of address");
            Inet4Address source = specified("tunnel source");
            Encapsulation outer = encapsulation("encapsulation");
            Encapsulation inner = encapsulation("inner encapsulation");
            boolean reverse = (in.get() & REVERSE_TUNNEL) != 0;
            in.get(); // reserved: sent as 0, ignored
            Inet4Address peerAddress = address();
            int peerPort = in.getShort() & 0xffff;
            long duration = in.getInt() & 0xFFFF_FFFFL;
            Optional<InetSocketAddress> udpPeer = Optional.empty();
            if (outer == Encapsulation.UDP) {
                if (Ipv4.isUnspecified(peerAddress) || peerPort == 0) {
                    throw bad("a UDP tunnel without the mobile's NAT address and port");
                }
                udpPeer = Optional.of(new InetSocketAddress(peerAddress, peerPort));
            } else if (!Ipv4.isUnspecified(peerAddress) || peerPort != 0) {
                throw bad("a NAT address and port for a " + outer + " tunnel");
            }
            if (duration == 0) {
                throw bad("duration 0");
            }
            try {
                return new StartForwarding(transaction, homeAddress, careOf, source, outer, inner, reverse, udpPeer,
                        duration);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }

        StartAck startAck() throws MalformedDelegationMessage {
            Inet4Address homeAddress = address();
            Result result = result();
            if (!result.answersStart()) {
                throw bad("result " + result.code() + " in a Start Forwarding Ack");
            }
            return new StartAck(transaction, homeAddress, result);
        }

        StopAck stopAck() throws MalformedDelegationMessage {
            Inet4Address homeAddress = address();
            Result result = result();
            if (!result.answersStop()) {
                throw bad("result " + result.code() + " in a Stop Forwarding Ack");
            }
            return new StopAck(transaction, homeAddress, result);
        }

        Result result() throws MalformedDelegationMessage {
            int code = in.get() & 0xff;
            return Result.ofCode(code).orElseThrow(() -> bad("result " + code));
        }

        LoadReport loadReport() throws MalformedDelegationMessage {
            if (in.limit() < LOAD_REPORT_FIXED_LENGTH) {
                throw bad("Load Report of " + in.limit() + " bytes, shorter than " + LOAD_REPORT_FIXED_LENGTH);
            }
            long total = in.getLong();
            long uptime = in.getLong();
            boolean truncated = (in.get() & TRUNCATED) != 0;
            in.get(); // reserved: sent as 0, ignored
            int count = in.getShort() & 0xffff;
            if (total < 0) {
                throw bad("total packets beyond 2^63-1");
            }
            if (uptime < 0) {
                throw bad("uptime beyond 2^63-1 ms");
            }
            if (count > LoadReport.MAX_ENTRIES) {
                throw bad(count + " entries, a Load Report holds " + LoadReport.MAX_ENTRIES);
            }
            int expected = LOAD_REPORT_FIXED_LENGTH + LOAD_ENTRY_LENGTH * count;
            if (in.limit() != expected) {
                throw bad("Load Report of " + count + " entries in " + in.limit() + " bytes, not " + expected);
            }
            List<EntryPackets> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Inet4Address homeAddress = specified("entry's home address");
                long packets = in.getLong();
                if (packets < 0) {
                    throw bad("packets of " + homeAddress.getHostAddress() + " beyond 2^63-1");
                }
                entries.add(new EntryPackets(homeAddress, packets));
            }
            return new LoadReport(transaction, total, uptime, truncated, entries);
        }

        /**
         * The elements' framing only: a count of 1 to 64, each element's type 1 to 4 and the whole
         * length; each element is decoded by its receiver as a payload of its own.
         */
        Batch batch() throws MalformedDelegationMessage {
            if (in.limit() < BATCH_FIXED_LENGTH) {
                throw bad("Batch of " + in.limit() + " bytes, shorter than " + BATCH_FIXED_LENGTH);
            }
            int count = in.getShort() & 0xffff;
            if (count == 0 || count > Batch.MAX_ELEMENTS) {
                throw bad("Batch of " + count + " elements, not 1.." + Batch.MAX_ELEMENTS);
            }
            List<byte[]> elements = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (in.remaining() < 2) {
                    throw bad("Batch cut short in element " + (i + 1) + " of " + count);
                }
                int elementType = in.get(in.position() + 1) & 0xff;
                int length = elementLength(elementType).orElseThrow(() -> bad("Batch element " + (elementType)
                        + ": only Starts, Stops and their acks are batched"));
                if (in.remaining() < length) {
                    throw bad("Batch cut short in element " + (i + 1) + " of " + count);
                }
                byte[] element = new byte[length];
                in.get(element);
                elements.add(element);
            }
            if (in.hasRemaining()) {
                throw bad("Batch with " + in.remaining() + " bytes after its " + count + " elements");
            }
            return new Batch(transaction, elements);
        }

        Heartbeat heartbeat() {
            return new Heartbeat(transaction, in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL);
        }
    }

    /** The length of a batch element of this type: Starts, Stops and their acks only. */
    static OptionalInt elementLength(int type) {
        return switch (type) {
            case START_FORWARDING -> OptionalInt.of(START_LENGTH);
            case START_ACK, STOP_ACK -> OptionalInt.of(ACK_LENGTH);
            case STOP_FORWARDING -> OptionalInt.of(STOP_LENGTH);
            default -> OptionalInt.empty();
        };
    }

    /** An element's length if it may be batched: a type 1 to 4 and that type's length (its fields are not checked here). */
    static OptionalInt batchElementLength(byte[] element) {
        if (element.length < 2) {
            return OptionalInt.empty();
        }
        OptionalInt length = elementLength(element[1] & 0xff);
        return length.isPresent() && length.getAsInt() == element.length ? length : OptionalInt.empty();
    }

    static void requireTransaction(long transaction) {
        requireUnsigned32("transaction", transaction);
    }

    static void requireUnsigned32(String what, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " " + value + " out of 0.." + 0xFFFF_FFFFL);
        }
    }
}
