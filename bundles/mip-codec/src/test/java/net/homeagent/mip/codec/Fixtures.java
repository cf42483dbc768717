package net.homeagent.mip.codec;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.Extension;

/** Shared test values: addresses from the documentation ranges, hex helpers, a keyed signer. */
public final class Fixtures {
    public static final Inet4Address HOME_ADDRESS = ipv4("10.0.0.10");
    public static final Inet4Address HOME_AGENT = ipv4("192.0.2.1");
    public static final Inet4Address CARE_OF_ADDRESS = ipv4("198.51.100.5");
    public static final Inet4Address UNSPECIFIED = ipv4("0.0.0.0");
    public static final long IDENTIFICATION = 0xe8d0b8c2_00000001L;
    public static final byte[] MN_HA_KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    public static final byte[] FA_HA_KEY = HexFormat.of().parseHex("0f0e0d0c0b0a09080706050403020100");

    private Fixtures() {
    }

    public static Inet4Address ipv4(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(dotted, e);
        }
    }

    /** Hex with optional spaces, newlines and {@code |} separators, for octets laid out by field. */
    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("[\\s|]", ""));
    }

    public static String hex(byte[] octets) {
        return HexFormat.of().formatHex(octets);
    }

    /** Signs every extension with HMAC-MD5 under {@code key}. */
    public static MessageSigner hmacSigner(byte[] key) {
        return (ext, data, offset, length) -> AuthenticationAlgorithm.HMAC_MD5.compute(key, data, offset, length);
    }

    public static RegistrationRequest request(List<Extension> extensions) {
        return new RegistrationRequest(RegistrationFlags.T, 1800, HOME_ADDRESS, HOME_AGENT, CARE_OF_ADDRESS,
                IDENTIFICATION, extensions);
    }

    public static RegistrationReply reply(List<Extension> extensions) {
        return new RegistrationReply(ReplyCode.ACCEPTED, 1800, HOME_ADDRESS, HOME_AGENT, IDENTIFICATION, extensions);
    }

    public static byte[] encode(MipCodec codec, MipMessage message, MessageSigner signer) {
        ByteBuf out = Unpooled.buffer();
        codec.encode(message, out, signer);
        return ByteBufUtil.getBytes(out);
    }

    public static MipMessage decode(MipCodec codec, byte[] datagram) throws MalformedMessageException {
        return codec.decode(Unpooled.wrappedBuffer(datagram));
    }

    /** The same message carrying {@code wire}, so that record equality can compare everything else. */
    public static MipMessage withWire(MipMessage message, Optional<byte[]> wire) {
        return rebuild(message, message.extensions(), wire);
    }

    /** The same fixed part with other extensions and wire octets. */
    public static MipMessage rebuild(MipMessage message, List<Extension> extensions, Optional<byte[]> wire) {
        if (message instanceof RegistrationRequest r) {
            return new RegistrationRequest(r.flags(), r.lifetime(), r.homeAddress(), r.homeAgent(), r.careOfAddress(),
                    r.identification(), extensions, wire);
        }
        RegistrationReply r = (RegistrationReply) message;
        return new RegistrationReply(r.code(), r.lifetime(), r.homeAddress(), r.homeAgent(), r.identification(),
                extensions, wire);
    }

    public static Optional<byte[]> wireOf(MipMessage message) {
        return message instanceof RegistrationRequest r ? r.wire() : ((RegistrationReply) message).wire();
    }
}
