package net.homeagent.ha.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.CodecProvider;
import net.homeagent.mip.codec.ExtensionListCodec;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MessageCodec;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ext.Extension;

/** Codec provider services coming and going under the transport's codec. */
class ContributedCodecsTest {

    /** A one-octet message of the given type. */
    record Beacon(int type) implements MipMessage {
        @Override
        public List<Extension> extensions() {
            return List.of();
        }
    }

    record BeaconCodec(int type) implements MessageCodec<Beacon> {
        @Override
        public Class<Beacon> messageClass() {
            return Beacon.class;
        }

        @Override
        public Beacon decode(ByteBuf message, byte[] wire, ExtensionListCodec extensions) {
            return new Beacon(type);
        }

        @Override
        public void encode(Beacon message, ByteBuf out, ExtensionListCodec extensions, MessageSigner signer) {
            out.writeByte(type);
        }
    }

    private static CodecProvider beacons(int type) {
        return new CodecProvider() {
            @Override
            public Map<Integer, MessageCodec<?>> messageCodecs() {
                return Map.of(type, new BeaconCodec(type));
            }
        };
    }

    private final ContributedCodecs codecs = new ContributedCodecs();

    @Test
    void aProvidersTypesAreDecodedWhileItIsRegistered() throws Exception {
        CodecProvider provider = beacons(250);

        codecs.add(provider);
        assertThat(decode(250)).isEqualTo(new Beacon(250));

        codecs.remove(provider);
        assertThatThrownBy(() -> decode(250)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aProviderClaimingATakenTypeIsLeftOutAndTheOthersStay() throws Exception {
        codecs.add(beacons(250));
        codecs.add(beacons(RegistrationRequest.TYPE));

        assertThat(decode(250)).isEqualTo(new Beacon(250));
        assertThat(codecs.get().registry().messageCodec(RegistrationRequest.TYPE).messageClass())
                .isEqualTo(RegistrationRequest.class);
    }

    private MipMessage decode(int type) throws MalformedMessageException {
        return codecs.get().decode(Unpooled.wrappedBuffer(new byte[] {(byte) type}));
    }
}
