package net.homeagent.mip.codec.wire;

import static net.homeagent.mip.codec.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.TunnelData;

/** RFC 3519 §3.3 Tunnel Data: Type 4 | Next Header | Reserved (16) | the tunnelled datagram. */
class TunnelDataCodecTest {
    private static final MipCodec CODEC = MipCodec.standard();

    // Type 4 | Next Header 4 (IP) | Reserved 0 | the first 20 octets of an IPv4 header
    private static final String VECTOR = "04|04|0000|"
            + "45000054|00004000|40010000|0a000064|0a00010a";

    @Test
    void decodesTheHeaderAndKeepsThePayload() throws MalformedMessageException {
        TunnelData data = (TunnelData) CODEC.decode(Unpooled.wrappedBuffer(hex(VECTOR)));

        assertThat(data.type()).isEqualTo(4);
        assertThat(data.nextHeader()).isEqualTo(TunnelData.NEXT_HEADER_IP);
        assertThat(data.payloadLength()).isEqualTo(20);
        assertThat(data.wire()[TunnelData.PAYLOAD_OFFSET]).isEqualTo((byte) 0x45);
        assertThat(data.extensions()).isEmpty();
    }

    @Test
    void encodesToTheSameOctets() throws MalformedMessageException {
        TunnelData data = (TunnelData) CODEC.decode(Unpooled.wrappedBuffer(hex(VECTOR)));
        ByteBuf out = Unpooled.buffer();

        CODEC.encode(data, out, MessageSigner.NONE);

        byte[] written = new byte[out.readableBytes()];
        out.readBytes(written);
        assertThat(written).isEqualTo(hex(VECTOR));
    }

    @Test
    void aHeaderWithoutDatagramIsDiscardedSilently() {
        assertThatThrownBy(() -> CODEC.decode(Unpooled.wrappedBuffer(hex("04|04|0000"))))
                .isInstanceOfSatisfying(MalformedMessageException.class,
                        e -> assertThat(e.isSilentDiscard()).isTrue())
                .hasMessageContaining("RFC 3519 §3.3");
    }
}
