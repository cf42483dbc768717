package net.homeagent.mip.codec.netty;

import static net.homeagent.mip.codec.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;

import net.homeagent.mip.codec.ExtensionCodec;
import net.homeagent.mip.codec.ExtensionFormat;
import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.Fixtures;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.StandardCodecs;
import net.homeagent.mip.codec.ext.UnknownExtension;

class MipDatagramDecoderTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress(Fixtures.HOME_AGENT, 434);
    private static final InetSocketAddress PEER = new InetSocketAddress(Fixtures.CARE_OF_ADDRESS, 434);

    /** A codec with a bug: it reads past the body it is given. */
    static final class OverreadingCodec implements ExtensionCodec<UnknownExtension> {
        @Override
        public Class<UnknownExtension> extensionClass() {
            return UnknownExtension.class;
        }

        @Override
        public ExtensionFormat format() {
            return ExtensionFormat.SHORT;
        }

        @Override
        public UnknownExtension decode(ExtensionFrame frame, ByteBuf body) {
            return new UnknownExtension(frame.type(), new byte[body.getInt(body.writerIndex())]);
        }

        @Override
        public int bodyLength(UnknownExtension extension) {
            return 0;
        }

        @Override
        public void encodeBody(UnknownExtension extension, ByteBuf out, int messageStart, MessageSigner signer) {
            // decode-only test double
        }
    }

    @Test
    void aFaultyCodecStillYieldsAMalformedDatagramInsteadOfAnException() {
        MipCodec buggy = new MipCodec(StandardCodecs.builder().extension(200, new OverreadingCodec()).build());
        EmbeddedChannel channel = new EmbeddedChannel(new MipDatagramDecoder(buggy));
        byte[] request = hex("01 02 0708 0a00000a c0000201 c6336405 e8d0b8c2 00000001 c8 00");

        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(request), LOCAL, PEER));

        MalformedDatagram malformed = channel.readInbound();
        assertThat(malformed.error().isSilentDiscard()).isTrue();
        assertThat(malformed.error().getMessage()).contains("IndexOutOfBoundsException");
        assertThat(malformed.sender()).isEqualTo(PEER);
        channel.checkException();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
