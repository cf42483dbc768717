package net.homeagent.mip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.EncapsulatingDeliveryStyleExtension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.ext.RevocationSupportExtension;
import net.homeagent.mip.codec.ext.UdpTunnelReplyExtension;
import net.homeagent.mip.codec.ext.UdpTunnelRequestExtension;
import net.homeagent.mip.codec.ext.UnknownExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * Mutated and random datagrams (fixed seed, so a failure reproduces): decoding either yields a
 * message that encodes and decodes back to itself, or a {@link MalformedMessageException} that
 * is consistent with the datagram; never any other exception.
 */
class FuzzTest {
    private static final long SEED = 0x5eed_c0dec_434L;
    private static final int MUTATIONS = 6000;
    private static final int RANDOM_DATAGRAMS = 2000;

    private final MipCodec codec = MipCodec.standard();
    private final Random random = new Random(SEED);
    private int decoded;
    private int answered;
    private int discarded;

    @Test
    void mutatedMessagesNeverThrowAnythingButMalformedMessage() {
        List<byte[]> seeds = seeds();
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            check(mutate(seed));
        }
        for (int i = 0; i < RANDOM_DATAGRAMS; i++) {
            byte[] datagram = new byte[random.nextInt(64)];
            random.nextBytes(datagram);
            if (datagram.length > 0) {
                datagram[0] = (byte) (random.nextBoolean() ? RegistrationRequest.TYPE : RegistrationReply.TYPE);
            }
            check(datagram);
        }
        // the fuzzing reached every outcome, so the assertions above were exercised
        assertThat(decoded).isPositive();
        assertThat(answered).isPositive();
        assertThat(discarded).isPositive();
    }

    private void check(byte[] datagram) {
        ByteBuf buf = Unpooled.wrappedBuffer(datagram);
        MipMessage message;
        try {
            message = codec.decode(buf);
        } catch (MalformedMessageException e) {
            assertThat(buf.readableBytes()).isZero();
            if (e.isSilentDiscard()) {
                discarded++;
            } else {
                answered++;
                assertThat(datagram[0]).as("only requests are answered").isEqualTo((byte) RegistrationRequest.TYPE);
                assertThat(e.replyCode()).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
            }
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("decode threw " + e + " on " + Fixtures.hex(datagram), e);
        }
        decoded++;
        assertThat(buf.readableBytes()).isZero();
        assertThat(Fixtures.wireOf(message)).hasValueSatisfying(wire -> assertThat(wire).isEqualTo(datagram));
        reencodeAndCompare(message, datagram);
    }

    /** What was decoded encodes (reserved bits now zero) and decodes back to the same message. */
    private void reencodeAndCompare(MipMessage message, byte[] datagram) {
        try {
            byte[] again = Fixtures.encode(codec, message, MessageSigner.NONE);
            assertThat(again).hasSameSizeAs(datagram);
            MipMessage redecoded = Fixtures.decode(codec, again);
            assertThat(Fixtures.withWire(redecoded, Fixtures.wireOf(message))).isEqualTo(message);
        } catch (MalformedMessageException | RuntimeException e) {
            throw new AssertionError("re-encoding failed for " + Fixtures.hex(datagram), e);
        }
    }

    private byte[] mutate(byte[] seed) {
        byte[] datagram = seed.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            datagram = switch (random.nextInt(6)) {
                case 0 -> flipBit(datagram);
                case 1 -> setOctet(datagram, random.nextInt(256));
                case 2 -> setOctet(datagram, new int[] {0, 1, 4, 6, 20, 0x7f, 0x80, 0xff}[random.nextInt(8)]);
                case 3 -> Arrays.copyOf(datagram, random.nextInt(datagram.length + 1));
                case 4 -> append(datagram);
                default -> insert(datagram);
            };
        }
        return datagram;
    }

    private byte[] flipBit(byte[] datagram) {
        if (datagram.length > 0) {
            datagram[random.nextInt(datagram.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return datagram;
    }

    private byte[] setOctet(byte[] datagram, int value) {
        if (datagram.length > 1) {
            // keep the message type most of the time, so that the extensions get exercised
            datagram[1 + random.nextInt(datagram.length - 1)] = (byte) value;
        }
        return datagram;
    }

    private byte[] append(byte[] datagram) {
        byte[] extra = new byte[1 + random.nextInt(8)];
        random.nextBytes(extra);
        byte[] longer = Arrays.copyOf(datagram, datagram.length + extra.length);
        System.arraycopy(extra, 0, longer, datagram.length, extra.length);
        return longer;
    }

    private byte[] insert(byte[] datagram) {
        int at = random.nextInt(datagram.length + 1);
        byte[] extra = new byte[1 + random.nextInt(4)];
        random.nextBytes(extra);
        byte[] longer = new byte[datagram.length + extra.length];
        System.arraycopy(datagram, 0, longer, 0, at);
        System.arraycopy(extra, 0, longer, at, extra.length);
        System.arraycopy(datagram, at, longer, at + extra.length, datagram.length - at);
        return longer;
    }

    /** Well-formed requests and replies carrying every extension the codec knows. */
    private List<byte[]> seeds() {
        MessageSigner signer = Fixtures.hmacSigner(Fixtures.MN_HA_KEY);
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Fixtures.encode(codec, Fixtures.request(List.of(new NaiExtension("mn@example.net"),
                new VendorSpecificExtension(true, 9, 1, new byte[] {1, 2}),
                new VendorSpecificExtension(false, 9, 2, new byte[] {3}),
                new EncapsulatingDeliveryStyleExtension(),
                new UdpTunnelRequestExtension(0, true, true, 4),
                new RevocationSupportExtension(true, 12345),
                new UnknownExtension(200, new byte[] {9, 9}),
                AuthenticationExtension.mobileHome(256),
                AuthenticationExtension.toSign(AuthenticationExtension.MOBILE_FOREIGN, 0, 7),
                AuthenticationExtension.toSign(AuthenticationExtension.FOREIGN_HOME, 0, 8))), signer));
        seeds.add(Fixtures.encode(codec, Fixtures.request(List.of(new NaiExtension("jürgen@example.net"),
                AuthenticationExtension.toSign(AuthenticationExtension.GENERALIZED, 1, 2))), signer));
        seeds.add(Fixtures.encode(codec, Fixtures.reply(List.of(new UdpTunnelReplyExtension(0, 0, true, 110),
                new RevocationSupportExtension(false, 1), AuthenticationExtension.mobileHome(256))), signer));
        return seeds;
    }
}
