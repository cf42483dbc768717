package net.homeagent.mip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * What {@link MipCodec#decode} promises for any datagram, checked on one: it consumes the whole
 * datagram and either yields a message that keeps the datagram as its wire form and encodes and
 * decodes back to itself, or throws a {@link MalformedMessageException} that answers only a
 * request, with code 134; never any other exception. Shared by the seeded {@link FuzzTest} and
 * Jazzer's {@link MipCodecFuzzTest}, which differ only in where the datagrams come from.
 */
final class DecodeOracle {

    enum Outcome { DECODED, ANSWERED, DISCARDED }

    private final MipCodec codec;

    DecodeOracle(MipCodec codec) {
        this.codec = codec;
    }

    /** @throws AssertionError when the codec broke its promise for {@code datagram} */
    Outcome check(byte[] datagram) {
        ByteBuf buf = Unpooled.wrappedBuffer(datagram);
        MipMessage message;
        try {
            message = codec.decode(buf);
        } catch (MalformedMessageException e) {
            assertThat(buf.readableBytes()).isZero();
            if (e.isSilentDiscard()) {
                return Outcome.DISCARDED;
            }
            assertThat(datagram[0]).as("only requests are answered").isEqualTo((byte) RegistrationRequest.TYPE);
            assertThat(e.replyCode()).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
            return Outcome.ANSWERED;
        } catch (RuntimeException e) {
            throw new AssertionError("decode threw " + e + " on " + Fixtures.hex(datagram), e);
        }
        assertThat(buf.readableBytes()).isZero();
        if (message instanceof TunnelData tunnelData) {
            checkTunnelData(tunnelData, datagram);
        } else {
            assertThat(Fixtures.wireOf(message)).hasValueSatisfying(wire -> assertThat(wire).isEqualTo(datagram));
            reencodeAndCompare(message, datagram);
        }
        return Outcome.DECODED;
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

    /** Tunnel data is its octets: it encodes back to them with the reserved field zeroed. */
    private void checkTunnelData(TunnelData message, byte[] datagram) {
        assertThat(message.wire()).isEqualTo(datagram);
        assertThat(message.nextHeader()).isEqualTo(datagram[1] & 0xff);
        byte[] expected = datagram.clone();
        expected[2] = 0;
        expected[3] = 0;
        assertThat(Fixtures.encode(codec, message, MessageSigner.NONE)).isEqualTo(expected);
    }
}
