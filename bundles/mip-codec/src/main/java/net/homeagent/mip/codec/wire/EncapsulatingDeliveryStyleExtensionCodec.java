package net.homeagent.mip.codec.wire;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.codec.ExtensionCodec;
import net.homeagent.mip.codec.ExtensionFormat;
import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.MalformedExtensionException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.ext.EncapsulatingDeliveryStyleExtension;

/** Encapsulating Delivery Style extension, RFC 3024 §3.3.1: Type (130), Length (0), no body. */
public final class EncapsulatingDeliveryStyleExtensionCodec
        implements ExtensionCodec<EncapsulatingDeliveryStyleExtension> {
    private static final EncapsulatingDeliveryStyleExtension INSTANCE = new EncapsulatingDeliveryStyleExtension();

    @Override
    public Class<EncapsulatingDeliveryStyleExtension> extensionClass() {
        return EncapsulatingDeliveryStyleExtension.class;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT;
    }

    @Override
    public EncapsulatingDeliveryStyleExtension decode(ExtensionFrame frame, ByteBuf body)
            throws MalformedExtensionException {
        WireFields.requireBodyLength(frame, 0, "Encapsulating Delivery Style extension (RFC 3024 §3.3.1)");
        return INSTANCE;
    }

    @Override
    public int bodyLength(EncapsulatingDeliveryStyleExtension extension) {
        return 0;
    }

    @Override
    public void encodeBody(EncapsulatingDeliveryStyleExtension extension, ByteBuf out, int messageStart,
            MessageSigner signer) {
        // the extension is its header alone
    }
}
