package net.homeagent.mip.codec;

import static net.homeagent.mip.codec.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.ext.UnknownExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/** Adding extensions by registration, and what the registry refuses to write. */
class CodecRegistryTest {
    private static final String REQUEST = "01 02 0708 0a00000a c0000201 c6336405 e8d0b8c2 00000001 ";

    /** Dynamic HA extension, RFC 4433: Type 139 | Length 5 | Sub-Type | Home Agent Address. */
    record DynamicHomeAgentExtension(int subtype, Inet4Address homeAgent) implements Extension {
        @Override
        public int type() {
            return 139;
        }
    }

    static final class DynamicHomeAgentCodec implements ExtensionCodec<DynamicHomeAgentExtension> {
        @Override
        public Class<DynamicHomeAgentExtension> extensionClass() {
            return DynamicHomeAgentExtension.class;
        }

        @Override
        public ExtensionFormat format() {
            return ExtensionFormat.SHORT;
        }

        @Override
        public DynamicHomeAgentExtension decode(ExtensionFrame frame, ByteBuf body) throws MalformedExtensionException {
            if (frame.bodyLength() != 5) {
                throw new MalformedExtensionException("dynamic HA extension of length " + frame.bodyLength());
            }
            return new DynamicHomeAgentExtension(body.getUnsignedByte(0),
                    Fixtures.ipv4(body.getUnsignedByte(1) + "." + body.getUnsignedByte(2) + "."
                            + body.getUnsignedByte(3) + "." + body.getUnsignedByte(4)));
        }

        @Override
        public int bodyLength(DynamicHomeAgentExtension extension) {
            return 5;
        }

        @Override
        public void encodeBody(DynamicHomeAgentExtension extension, ByteBuf out, int messageStart,
                MessageSigner signer) {
            out.writeByte(extension.subtype());
            out.writeBytes(extension.homeAgent().getAddress());
        }
    }

    @Test
    void aRegisteredExtensionReplacesTheUnknownSkippableOne() throws Exception {
        byte[] datagram = hex(REQUEST + "8b 05 01 c0000202");
        MipCodec extended = new MipCodec(StandardCodecs.builder().extension(139, new DynamicHomeAgentCodec()).build());

        assertThat(Fixtures.decode(MipCodec.standard(), datagram).extensions())
                .containsExactly(new UnknownExtension(139, hex("01c0000202")));
        MipMessage decoded = Fixtures.decode(extended, datagram);
        assertThat(decoded.extensions())
                .containsExactly(new DynamicHomeAgentExtension(1, Fixtures.ipv4("192.0.2.2")));
        assertThat(Fixtures.encode(extended, decoded, MessageSigner.NONE)).isEqualTo(datagram);
    }

    @Test
    void aRegisteredNonSkippableTypeIsNoLongerDiscarded() throws Exception {
        byte[] datagram = hex(REQUEST + "2d 05 01 c0000202");
        MipCodec extended = new MipCodec(StandardCodecs.builder().extension(45, new DynamicHomeAgentCodec()).build());

        assertThat(catchDiscard(datagram)).isTrue();
        assertThat(Fixtures.decode(extended, datagram).extensions()).hasSize(1);
    }

    @Test
    void aRegistryWithoutMessageCodecsDiscardsEverything() {
        MipCodec empty = new MipCodec(CodecRegistry.builder().build());

        assertThatThrownBy(() -> Fixtures.decode(empty, hex(REQUEST)))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.isSilentDiscard()).isTrue());
        assertThatThrownBy(() -> empty.encode(Fixtures.request(List.of()), Unpooled.buffer(), MessageSigner.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownExtensionIsWrittenBackRawEvenUnderAKnownType() throws Exception {
        MipCodec codec = MipCodec.standard();
        RegistrationRequest request = Fixtures.request(List.of(new UnknownExtension(131, hex("6d40"))));

        byte[] wire = Fixtures.encode(codec, request, MessageSigner.NONE);

        assertThat(Fixtures.hex(wire)).endsWith("83026d40");
        assertThat(Fixtures.decode(codec, wire).extensions()).containsExactly(new NaiExtension("m@"));
    }

    @Test
    void encodingRefusesWhatTheWireCannotCarry() {
        MipCodec codec = MipCodec.standard();
        Extension unregistered = new DynamicHomeAgentExtension(1, Fixtures.HOME_AGENT);

        assertRefused(codec, Fixtures.request(List.of(unregistered)));
        assertRefused(codec, Fixtures.request(List.of(new NaiExtension(""))));
        assertRefused(codec, Fixtures.request(List.of(new NaiExtension("x".repeat(256)))));
        assertRefused(codec, Fixtures.request(List.of(new VendorSpecificExtension(false, 9, 1, new byte[250]))));
        assertRefused(codec, Fixtures.request(List.of(new VendorSpecificExtension(true, 1L << 32, 1, new byte[0]))));
        assertRefused(codec, Fixtures.request(List.of(new UnknownExtension(300, new byte[0]))));
        assertRefused(codec, new RegistrationRequest(0x100, 0, Fixtures.HOME_ADDRESS, Fixtures.HOME_AGENT,
                Fixtures.CARE_OF_ADDRESS, 0, List.of()));
        assertRefused(codec, new RegistrationReply(0, 0x10000, Fixtures.HOME_ADDRESS, Fixtures.HOME_AGENT, 0,
                List.of()));
    }

    @Test
    void typeCodesAreOctets() {
        assertThatThrownBy(() -> CodecRegistry.builder().extension(256, new DynamicHomeAgentCodec()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodecRegistry.builder().extension(-1, new DynamicHomeAgentCodec()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean catchDiscard(byte[] datagram) {
        try {
            Fixtures.decode(MipCodec.standard(), datagram);
            return false;
        } catch (MalformedMessageException e) {
            return e.isSilentDiscard();
        }
    }

    private static void assertRefused(MipCodec codec, MipMessage message) {
        assertThatThrownBy(() -> codec.encode(message, Unpooled.buffer(), MessageSigner.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
