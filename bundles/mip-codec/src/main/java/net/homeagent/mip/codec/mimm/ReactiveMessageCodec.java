package net.homeagent.mip.codec.mimm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

/**
 * The datagrams of MIMM reactive advice, version 1 (docs/protocols.md "MIMM reactive advice"). A
 * 16-octet header, the advice's 8 octets, then an MN-HA Authentication Extension laid out as
 * RFC 5944 §3.5.2 (type 32, length 20, SPI, 16-octet authenticator) whose authenticator covers
 * every octet before it, the extension's type, length and SPI included (§3.5.1), computed with the
 * mobile's MN-HA security association.
 *
 * <pre>
 *  0        1        2        3        4                                   8
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * |  type  |version | reason |P| rsvd |          home address             |
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * |                      identification (64 bits)                          |
 * +--------+--------+--------+--------+--------+--------+--------+--------+  advice only:
 * |    network      |  alternative    |       expiry (s, signed; -1)      |
 * +--------+--------+--------+--------+--------+--------+--------+--------+
 * | 32     | 20     |               SPI                 | authenticator ...
 * </pre>
 * Types: 1 advice, 2 acknowledgement, 3 pull, 4 nothing to advise. Reason is 0 and P clear in all
 * but an advice. Alternative 0 = none. Decoding never throws: a bad datagram is a
 * {@link Decoded.Malformed}.
 */
public final class ReactiveMessageCodec {

    public static final int TYPE_ADVICE = 1;
    public static final int TYPE_ACK = 2;
    public static final int TYPE_PULL = 3;
    public static final int TYPE_NOTHING = 4;
    public static final int HEADER_LENGTH = 16;
    public static final int ADVICE_BODY_LENGTH = 8;
    /** RFC 5944 §3.5.2: the MN-HA Authentication Extension's type. */
    public static final int MN_HA_AUTH_TYPE = 32;
    static final int AUTH_LENGTH = 4 + AuthenticationAlgorithm.AUTHENTICATOR_LENGTH;
    static final int AUTH_EXTENSION_LENGTH = 2 + AUTH_LENGTH;
    /** The extension's type, length and SPI: covered by the authenticator (RFC 5944 §3.5.1). */
    static final int AUTH_COVERED_OCTETS = 6;
    static final int PULLED = 0x80;

    private ReactiveMessageCodec() {
    }

    /** The datagram of {@code message}, authenticated with the mobile's association ({@code spi}, {@code key}). */
    public static byte[] encode(ReactiveMessage message, long spi, AuthenticationAlgorithm algorithm, byte[] key) {
        int covered = HEADER_LENGTH + (message instanceof ReactiveMessage.Advice ? ADVICE_BODY_LENGTH : 0)
                + AUTH_COVERED_OCTETS;
        ByteBuffer out = ByteBuffer.allocate(covered + AuthenticationAlgorithm.AUTHENTICATOR_LENGTH);
        out.put((byte) typeOf(message));
        out.put((byte) MimmVendor.VERSION);
        out.put((byte) (message instanceof ReactiveMessage.Advice a ? a.reason().code() : 0));
        out.put((byte) (message instanceof ReactiveMessage.Advice a && a.pulled() ? PULLED : 0));
        out.put(message.homeAddress().getAddress());
        out.putLong(message.identification());
        if (message instanceof ReactiveMessage.Advice a) {
            out.putShort((short) a.network());
            out.putShort((short) a.alternative().orElse(0));
            out.putInt((int) a.expirySeconds());
        }
        out.put((byte) MN_HA_AUTH_TYPE);
        out.put((byte) AUTH_LENGTH);
        out.putInt((int) spi);
        out.put(algorithm.compute(key, out.array(), 0, covered));
        return out.array();
    }

    private static int typeOf(ReactiveMessage message) {
        if (message instanceof ReactiveMessage.Advice) {
            return TYPE_ADVICE;
        }
        if (message instanceof ReactiveMessage.Ack) {
            return TYPE_ACK;
        }
        return message instanceof ReactiveMessage.Pull ? TYPE_PULL : TYPE_NOTHING;
    }

    /**
     * Reads a datagram. The result is not yet authentic: the receiver looks up the association of
     * {@link Received#homeAddress()} and {@link Received#spi()} and calls {@link Received#authentic}.
     */
    public static Decoded<Received> decode(byte[] datagram) {
        if (datagram.length < HEADER_LENGTH + AUTH_EXTENSION_LENGTH) {
            return Decoded.malformed("reactive message length", datagram.length + " octets, at least "
                    + (HEADER_LENGTH + AUTH_EXTENSION_LENGTH));
        }
        ByteBuffer in = ByteBuffer.wrap(datagram);
        int type = Byte.toUnsignedInt(in.get());
        int version = Byte.toUnsignedInt(in.get());
        int reasonCode = Byte.toUnsignedInt(in.get());
        int flags = Byte.toUnsignedInt(in.get());
        if (version != MimmVendor.VERSION) {
            return Decoded.malformed("reactive message version", "version " + version);
        }
        if (type < TYPE_ADVICE || type > TYPE_NOTHING) {
            return Decoded.malformed("reactive message type", "type " + type);
        }
        int expected = HEADER_LENGTH + (type == TYPE_ADVICE ? ADVICE_BODY_LENGTH : 0) + AUTH_EXTENSION_LENGTH;
        if (datagram.length != expected) {
            return Decoded.malformed("reactive message length", datagram.length + " octets for type " + type
                    + ", expected " + expected);
        }
        if (type != TYPE_ADVICE && (reasonCode != 0 || flags != 0)) {
            return Decoded.malformed("reactive message reserved", "type " + type + " with reason " + reasonCode
                    + ", flags " + flags);
        }
        Inet4Address home = address(datagram, 4);
        in.position(8);
        long identification = in.getLong();
        ReactiveMessage message;
        if (type == TYPE_ADVICE) {
            int network = Short.toUnsignedInt(in.getShort());
            int alternative = Short.toUnsignedInt(in.getShort());
            int expiry = in.getInt();
            Optional<AlertReason> reason = AlertReason.ofCode(reasonCode);
            if (reason.isEmpty()) {
                return Decoded.malformed("reactive advice reason", "reason " + reasonCode);
            }
            if (network == 0 || (expiry < 1 && expiry != -1) || (flags & ~PULLED) != 0) {
                return Decoded.malformed("reactive advice field", "network " + network + ", expiry " + expiry
                        + ", flags " + flags);
            }
            message = new ReactiveMessage.Advice(home, identification, network, reason.get(), expiry,
                    alternative == 0 ? OptionalInt.empty() : OptionalInt.of(alternative), (flags & PULLED) != 0);
        } else {
            message = switch (type) {
                case TYPE_ACK -> new ReactiveMessage.Ack(home, identification);
                case TYPE_PULL -> new ReactiveMessage.Pull(home, identification);
                default -> new ReactiveMessage.NothingToAdvise(home, identification);
            };
        }
        int ext = in.position();
        int extType = Byte.toUnsignedInt(in.get());
        int extLength = Byte.toUnsignedInt(in.get());
        if (extType != MN_HA_AUTH_TYPE || extLength != AUTH_LENGTH) {
            return Decoded.malformed("reactive message authenticator", "extension type " + extType + " length "
                    + extLength + ", expected MN-HA (32) of 20");
        }
        long spi = Integer.toUnsignedLong(in.getInt());
        int covered = ext + AUTH_COVERED_OCTETS;
        return new Decoded.Valid<>(new Received(message, spi, datagram.clone(), covered));
    }

    private static Inet4Address address(byte[] data, int offset) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(data, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }

    /** A decoded datagram whose authenticator is still to be checked. */
    public static final class Received {
        private final ReactiveMessage message;
        private final long spi;
        private final byte[] datagram;
        private final int covered;

        Received(ReactiveMessage message, long spi, byte[] datagram, int covered) {
            this.message = message;
            this.spi = spi;
            this.datagram = datagram;
            this.covered = covered;
        }

        public ReactiveMessage message() {
            return message;
        }

        public Inet4Address homeAddress() {
            return message.homeAddress();
        }

        public long spi() {
            return spi;
        }

        /** Whether the authenticator is the one {@code key} gives over the covered octets (constant time). */
        public boolean authentic(AuthenticationAlgorithm algorithm, byte[] key) {
            return algorithm.verify(key, datagram, 0, covered,
                    Arrays.copyOfRange(datagram, covered, covered + AuthenticationAlgorithm.AUTHENTICATOR_LENGTH));
        }
    }
}
