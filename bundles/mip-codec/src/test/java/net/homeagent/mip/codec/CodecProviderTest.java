package net.homeagent.mip.codec;

import static net.homeagent.mip.codec.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;

import net.homeagent.mip.codec.ext.Extension;
import net.homeagent.mip.codec.ext.UnknownExtension;
import net.homeagent.mip.codec.netty.InboundDatagram;
import net.homeagent.mip.codec.netty.MalformedDatagram;
import net.homeagent.mip.codec.netty.MipDatagramDecoder;
import net.homeagent.mip.codec.netty.MipDatagramEncoder;
import net.homeagent.mip.codec.netty.OutboundDatagram;

/**
 * A message type and an extension type added by a {@link CodecProvider}, as another bundle would:
 * they round-trip through {@link MipCodec} and the Netty handlers, while the RFC 5944 types and
 * the §1.9 rules for the types nobody registered stay as they were.
 */
class CodecProviderTest {
    private static final int PROBE_TYPE = 250;
    private static final int TAG_TYPE = 99;
    private static final String REQUEST = "01 02 0708 0a00000a c0000201 c6336405 e8d0b8c2 00000001 ";
    private static final InetSocketAddress LOCAL = new InetSocketAddress(Fixtures.HOME_AGENT, 434);
    private static final InetSocketAddress PEER = new InetSocketAddress(Fixtures.CARE_OF_ADDRESS, 434);

    /** Type 250 | Reserved (24) | Identification (64) | extensions. */
    record Probe(long identification, List<Extension> extensions) implements MipMessage {
        Probe {
            extensions = List.copyOf(extensions);
        }

        @Override
        public int type() {
            return PROBE_TYPE;
        }
    }

    /** Type 99 (not skippable) | Length 2 | Tag (16). */
    record TagExtension(int tag) implements Extension {
        @Override
        public int type() {
            return TAG_TYPE;
        }
    }

    static final class ProbeCodec implements MessageCodec<Probe> {
        @Override
        public Class<Probe> messageClass() {
            return Probe.class;
        }

        @Override
        public Probe decode(ByteBuf message, byte[] wire, ExtensionListCodec extensions)
                throws MalformedMessageException {
            if (message.writerIndex() < 12) {
                throw MalformedMessageException.discard("probe of " + message.writerIndex() + " octets");
            }
            try {
                return new Probe(message.getLong(4), extensions.decode(message, 12));
            } catch (MalformedExtensionException e) {
                throw MalformedMessageException.discard(e.getMessage());
            }
        }

        @Override
        public void encode(Probe probe, ByteBuf out, ExtensionListCodec extensions, MessageSigner signer) {
            int start = out.writerIndex();
            out.writeByte(PROBE_TYPE);
            out.writeMedium(0);
            out.writeLong(probe.identification());
            extensions.encode(probe.extensions(), out, start, signer);
        }
    }

    static final class TagCodec implements ExtensionCodec<TagExtension> {
        @Override
        public Class<TagExtension> extensionClass() {
            return TagExtension.class;
        }

        @Override
        public ExtensionFormat format() {
            return ExtensionFormat.SHORT;
        }

        @Override
        public TagExtension decode(ExtensionFrame frame, ByteBuf body) throws MalformedExtensionException {
            if (frame.bodyLength() != 2) {
                throw new MalformedExtensionException("tag extension of length " + frame.bodyLength());
            }
            return new TagExtension(body.getUnsignedShort(0));
        }

        @Override
        public int bodyLength(TagExtension extension) {
            return 2;
        }

        @Override
        public void encodeBody(TagExtension extension, ByteBuf out, int messageStart, MessageSigner signer) {
            out.writeShort(extension.tag());
        }
    }

    static final CodecProvider PROBES = new CodecProvider() {
        @Override
        public Map<Integer, MessageCodec<?>> messageCodecs() {
            return Map.of(PROBE_TYPE, new ProbeCodec());
        }

        @Override
        public Map<Integer, ExtensionCodec<?>> extensionCodecs() {
            return Map.of(TAG_TYPE, new TagCodec());
        }
    };

    private final MipCodec extended = new MipCodec(StandardCodecs.builder().add(PROBES).build());

    @Test
    void anAddedMessageTypeRoundTripsWithAnAddedExtension() throws Exception {
        Probe probe = new Probe(0x0102030405060708L, List.of(new TagExtension(0xabcd)));

        byte[] datagram = Fixtures.encode(extended, probe, MessageSigner.NONE);

        assertThat(datagram).isEqualTo(hex("fa 000000 0102030405060708 | 63 02 abcd"));
        assertThat(Fixtures.decode(extended, datagram)).isEqualTo(probe);
    }

    @Test
    void anAddedExtensionIsDecodedInARegistrationRequestThatWouldOtherwiseBeDiscarded() throws Exception {
        byte[] datagram = hex(REQUEST + "63 02 0007");

        assertThatThrownBy(() -> Fixtures.decode(MipCodec.standard(), datagram))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.isSilentDiscard()).isTrue());
        MipMessage decoded = Fixtures.decode(extended, datagram);
        assertThat(decoded).isInstanceOf(RegistrationRequest.class);
        assertThat(decoded.extensions()).containsExactly(new TagExtension(7));
        assertThat(Fixtures.encode(extended, decoded, MessageSigner.NONE)).isEqualTo(datagram);
    }

    @Test
    void typesNobodyRegisteredKeepTheRfc5944Rules() throws Exception {
        // 98, not skippable: the whole message is silently discarded (§1.9)
        assertThatThrownBy(() -> Fixtures.decode(extended, hex(REQUEST + "62 02 0007")))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.isSilentDiscard()).isTrue());
        // 200, skippable: kept raw, the rest of the message processed
        assertThat(Fixtures.decode(extended, hex(REQUEST + "c8 02 0007 63 02 0008")).extensions())
                .containsExactly(new UnknownExtension(200, hex("0007")), new TagExtension(8));
        // an unknown message type is discarded
        assertThatThrownBy(() -> Fixtures.decode(extended, hex("fb 000000 0102030405060708")))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.isSilentDiscard()).isTrue());
    }

    @Test
    void aProviderCannotTakeATypeCodeAlreadyRegisteredAndThenRegistersNothing() {
        CodecProvider hijacker = new CodecProvider() {
            @Override
            public Map<Integer, MessageCodec<?>> messageCodecs() {
                return Map.of(251, new ProbeCodec());
            }

            @Override
            public Map<Integer, ExtensionCodec<?>> extensionCodecs() {
                return Map.of(32, new TagCodec()); // the Mobile-Home Authentication Extension
            }
        };
        CodecRegistry.Builder builder = StandardCodecs.builder().add(PROBES);

        assertThatThrownBy(() -> builder.add(hijacker)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extension type 32 is already registered");
        assertThatThrownBy(() -> builder.add(PROBES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message type 250 is already registered");
        CodecRegistry registry = builder.build();
        assertThat(registry.messageCodec(251)).isNull();
        assertThat(registry.extensionDecoder(32)).isNotInstanceOf(TagCodec.class);
    }

    @Test
    void theNettyHandlersCarryAnAddedTypeAndFollowARegistryReplacedUnderThem() {
        AtomicReference<MipCodec> current = new AtomicReference<>(MipCodec.standard());
        EmbeddedChannel channel = new EmbeddedChannel(new MipDatagramDecoder(current::get),
                new MipDatagramEncoder(current::get));
        Probe probe = new Probe(42, List.of(new TagExtension(1)));

        current.set(extended);
        assertThat(channel.writeOutbound(new OutboundDatagram(probe, MessageSigner.NONE, PEER, LOCAL))).isTrue();
        DatagramPacket sent = channel.readOutbound();
        channel.writeInbound(new DatagramPacket(sent.content().retainedDuplicate(), LOCAL, PEER)); // read twice
        InboundDatagram received = channel.readInbound();
        assertThat(received.message()).isEqualTo(probe);

        current.set(MipCodec.standard());
        channel.writeInbound(new DatagramPacket(sent.content(), LOCAL, PEER));
        MalformedDatagram refused = channel.readInbound();
        assertThat(refused.error().isSilentDiscard()).isTrue();
        assertThat(refused.error().getMessage()).contains("unknown Mobile IP message type 250");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
