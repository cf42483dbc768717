package net.homeagent.store;

import java.net.Inet4Address;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * One binding as stored in the backup: the key is {@link #keyOf} (home address high, care-of
 * address low), the value this compact big-endian record, version byte first so that a later
 * release can change the layout and still read this one:
 * <pre>
 * u8  version (2)          u32 home agent           u32 source address     u16 source port
 * u32 granted lifetime     i64+i32 registeredAt (epoch s, nanos)           i64+i32 expiresAt
 * i64 identification       u8  flags                u8  encapsulation (1 ip-in-ip, 2 minimal, 3 gre, 4 udp)
 * u8  inner encapsulation (the same codes; inside a UDP tunnel, RFC 3519 §3.1; else 1)
 * u8  reverse tunnel (0/1) u16 NAI length in bytes, 0xffff = no NAI; then the NAI in UTF-8
 * </pre>
 * 53 bytes without a NAI. Encapsulations are numbered here, not by enum order, so that adding one
 * to the API never changes what a stored record means.
 *
 * <p>The version rule (the journal's log and checkpoints and the snapshots all hold these records,
 * so their own formats did not change): a new field makes a new record version, and a release
 * reads every earlier one. Version 1 had no inner encapsulation: its UDP tunnels carried IP in IP,
 * the only one that release sent, and it is restored so.
 */
final class BindingRecord {

    static final byte VERSION = 2;
    /** The first release's records: no inner encapsulation byte. */
    static final byte VERSION_WITHOUT_INNER = 1;
    private static final int FIXED_LENGTH = 1 + 4 + 4 + 2 + 4 + 12 + 12 + 8 + 1 + 1 + 1 + 1 + 2;
    private static final int NO_NAI = 0xffff;

    private BindingRecord() {
    }

    /** Home address in the high 32 bits, care-of address in the low: a binding key without an object. */
    static long keyOf(Binding binding) {
        return (long) Ipv4.toInt(binding.homeAddress()) << 32 | Ipv4.toUnsigned(binding.careOfAddress());
    }

    static byte[] encode(Binding b) {
        byte[] nai = naiBytes(b);
        ByteBuffer out = ByteBuffer.allocate(length(nai));
        encodeInto(b, nai, out);
        return out.array();
    }

    /** The NAI in UTF-8, or null if the binding has none. */
    static byte[] naiBytes(Binding b) {
        byte[] nai = b.nai().isPresent() ? b.nai().get().getBytes(StandardCharsets.UTF_8) : null;
        if (nai != null && nai.length >= NO_NAI) {
            throw new IllegalArgumentException("NAI of " + nai.length + " bytes is too long to store");
        }
        return nai;
    }

    /** The length of the record of a binding with these NAI bytes ({@link #naiBytes}). */
    static int length(byte[] nai) {
        return FIXED_LENGTH + (nai == null ? 0 : nai.length);
    }

    /** Writes the record of {@code b} at {@code out}'s position ({@link #length} bytes), without an array of its own. */
    static void encodeInto(Binding b, byte[] nai, ByteBuffer out) {
        out.put(VERSION);
        out.putInt(Ipv4.toInt(b.homeAgent()));
        out.putInt(Ipv4.toInt(b.sourceAddress()));
        out.putShort((short) b.sourcePort());
        out.putInt(b.grantedLifetime());
        putInstant(out, b.registeredAt());
        putInstant(out, b.expiresAt());
        out.putLong(b.identification());
        out.put((byte) b.flags());
        out.put(codeOf(b.encapsulation()));
        out.put(codeOf(b.innerEncapsulation()));
        out.put((byte) (b.reverseTunnel() ? 1 : 0));
        out.putShort((short) (nai == null ? NO_NAI : nai.length));
        if (nai != null) {
            out.put(nai);
        }
    }

    /**
     * @throws IllegalArgumentException if {@code value} is not a record this version can read
     */
    static Binding decode(long key, byte[] value) {
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            byte version = in.get();
            if (version != VERSION && version != VERSION_WITHOUT_INNER) {
                throw new IllegalArgumentException("record version " + version + ", this release reads "
                        + VERSION_WITHOUT_INNER + " and " + VERSION);
            }
            Inet4Address homeAgent = Ipv4.of(in.getInt());
            Inet4Address source = Ipv4.of(in.getInt());
            int sourcePort = Short.toUnsignedInt(in.getShort());
            int granted = in.getInt();
            Instant registeredAt = getInstant(in);
            Instant expiresAt = getInstant(in);
            long identification = in.getLong();
            int flags = Byte.toUnsignedInt(in.get());
            Encapsulation encapsulation = encapsulationOf(in.get());
            Encapsulation inner = version == VERSION_WITHOUT_INNER ? Encapsulation.IP_IN_IP : encapsulationOf(in.get());
            boolean reverse = reverseTunnelOf(in.get());
            int naiLength = Short.toUnsignedInt(in.getShort());
            Optional<String> nai = Optional.empty();
            if (naiLength != NO_NAI) {
                byte[] text = new byte[naiLength];
                in.get(text);
                nai = Optional.of(new String(text, StandardCharsets.UTF_8));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the end of the record");
            }
            return new Binding(Ipv4.of((int) (key >>> 32)), Ipv4.of((int) key), homeAgent, source, sourcePort, nai,
                    granted, registeredAt, expiresAt, identification, flags, encapsulation, reverse, inner);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("record of " + value.length + " bytes is truncated", e);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("record has a time out of range", e);
        }
    }

    private static void putInstant(ByteBuffer out, Instant at) {
        out.putLong(at.getEpochSecond());
        out.putInt(at.getNano());
    }

    private static Instant getInstant(ByteBuffer in) {
        long seconds = in.getLong();
        int nanos = in.getInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanoseconds " + nanos + " out of range");
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static byte codeOf(Encapsulation encapsulation) {
        return switch (encapsulation) {
            case IP_IN_IP -> 1;
            case MINIMAL -> 2;
            case GRE -> 3;
            case UDP -> 4;
        };
    }

    private static Encapsulation encapsulationOf(byte code) {
        return switch (code) {
            case 1 -> Encapsulation.IP_IN_IP;
            case 2 -> Encapsulation.MINIMAL;
            case 3 -> Encapsulation.GRE;
            case 4 -> Encapsulation.UDP;
            default -> throw new IllegalArgumentException("unknown encapsulation code " + code);
        };
    }

    private static boolean reverseTunnelOf(byte value) {
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("reverse tunnel flag " + value + " is neither 0 nor 1");
        }
        return value == 1;
    }
}
