package net.homeagent.mip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import net.homeagent.mip.codec.ext.EncapsulatingDeliveryStyleExtension;
import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.ext.RevocationSupportExtension;
import net.homeagent.mip.codec.ext.UdpTunnelReplyExtension;
import net.homeagent.mip.codec.ext.UdpTunnelRequestExtension;
import net.homeagent.mip.codec.ext.UnknownExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;
import net.homeagent.mip.codec.wire.UnknownExtensionCodec;

/**
 * Jazzer over message values rather than octets: decode(encode(x)) equals x for every request and
 * reply the encoder accepts (it may refuse a field that does not fit with IllegalArgumentException,
 * a local bug by its contract), with extensions of every kind the codec knows in any order and
 * number. Finds what the octet-level target cannot: an encoder writing what its decoder reads
 * differently. Inputs: {@code EncodeDecodeFuzzTestInputs/roundTrip}.
 */
class EncodeDecodeFuzzTest {
    private static final MipCodec CODEC = MipCodec.standard();
    private static final int MAX_EXTENSIONS = 6;

    @FuzzTest(maxDuration = "30s")
    void roundTrip(FuzzedDataProvider data) throws UnknownHostException {
        boolean request = data.consumeBoolean();
        int flagsOrCode = data.consumeInt(0, 255);
        int lifetime = data.consumeInt(0, 0xffff);
        Inet4Address home = address(data);
        Inet4Address agent = address(data);
        Inet4Address careOf = address(data);
        long identification = data.consumeLong();
        List<Extension> extensions = new ArrayList<>();
        for (int n = data.consumeInt(0, MAX_EXTENSIONS); n > 0; n--) {
            extension(data, request).ifPresent(extensions::add);
        }
        MipMessage message = request
                ? new RegistrationRequest(flagsOrCode, lifetime, home, agent, careOf, identification, extensions)
                : new RegistrationReply(flagsOrCode, lifetime, home, agent, identification, extensions);
        byte[] wire;
        try {
            wire = Fixtures.encode(CODEC, message, MessageSigner.NONE);
        } catch (IllegalArgumentException refused) {
            return;
        }
        MipMessage decoded;
        try {
            decoded = Fixtures.decode(CODEC, wire);
        } catch (MalformedMessageException e) {
            throw new AssertionError("the encoder wrote what its decoder refuses (" + e.getMessage() + "): "
                    + message + " as " + Fixtures.hex(wire), e);
        }
        assertThat(decoded).isEqualTo(Fixtures.withWire(message, Fixtures.wireOf(decoded)));
    }

    private static Inet4Address address(FuzzedDataProvider data) throws UnknownHostException {
        byte[] octets = new byte[4];
        byte[] given = data.consumeBytes(4);
        System.arraycopy(given, 0, octets, 0, given.length);
        return (Inet4Address) InetAddress.getByAddress(octets);
    }

    /** One extension of a kind this message may carry, or none when the input cannot make one. */
    private static Optional<Extension> extension(FuzzedDataProvider data, boolean request) {
        switch (data.consumeInt(0, 5)) {
            case 0: {
                String nai = data.consumeString(64);
                return decodableNai(nai) ? Optional.of(new NaiExtension(nai)) : Optional.empty();
            }
            case 1:
                return Optional.of(new VendorSpecificExtension(data.consumeBoolean(), data.consumeLong(0, 0xffff_ffffL),
                        data.consumeInt(0, 0xffff), data.consumeBytes(data.consumeInt(0, 64))));
            case 2:
                return Optional.of(new RevocationSupportExtension(data.consumeBoolean(),
                        data.consumeLong(0, 0xffff_ffffL)));
            case 3:
                return Optional.of(request
                        ? new UdpTunnelRequestExtension(0, data.consumeBoolean(), data.consumeBoolean(),
                                data.consumeInt(0, 255))
                        : new UdpTunnelReplyExtension(0, data.consumeInt(0, 255), data.consumeBoolean(),
                                data.consumeInt(0, 0xffff)));
            case 4:
                return request ? Optional.of(new EncapsulatingDeliveryStyleExtension()) : Optional.empty();
            default: {
                int type = data.consumeInt(128, 255);
                // a type with a codec of its own would come back as that extension, not as unknown
                return CODEC.registry().extensionDecoder(type) instanceof UnknownExtensionCodec
                        ? Optional.of(new UnknownExtension(type, data.consumeBytes(data.consumeInt(0, 64))))
                        : Optional.empty();
            }
        }
    }

    /** RFC 2794 / 7542: non-empty UTF-8 text without control characters; what the decoder takes. */
    private static boolean decodableNai(String nai) {
        return !nai.isEmpty() && StandardCharsets.UTF_8.newEncoder().canEncode(nai)
                && nai.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
