package net.homeagent.mip.codec.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import net.homeagent.mip.codec.ExtensionCodec;
import net.homeagent.mip.codec.ExtensionFormat;
import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.MalformedExtensionException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.ext.NaiExtension;

/**
 * Mobile Node NAI extension, RFC 2794 §2: Type (131), Length, MN-NAI (Length octets, no
 * terminator). The NAI is text (RFC 2486, internationalised as UTF-8 by RFC 7542): an empty
 * one, invalid UTF-8 or a control character makes the extension malformed.
 */
public final class NaiExtensionCodec implements ExtensionCodec<NaiExtension> {

    @Override
    public Class<NaiExtension> extensionClass() {
        return NaiExtension.class;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT;
    }

    @Override
    public NaiExtension decode(ExtensionFrame frame, ByteBuf body) throws MalformedExtensionException {
        int length = frame.bodyLength();
        if (length == 0) {
            throw malformed(frame, "is empty");
        }
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            int octet = body.getUnsignedByte(i);
            if (octet < 0x20 || octet == 0x7f) {
                throw malformed(frame, "has control character 0x" + Integer.toHexString(octet) + " at " + i);
            }
            ascii &= octet < 0x80;
        }
        byte[] octets = ByteBufUtil.getBytes(body);
        return new NaiExtension(ascii ? new String(octets, StandardCharsets.US_ASCII) : strictUtf8(frame, octets));
    }

    @Override
    public int bodyLength(NaiExtension extension) {
        if (extension.nai().isEmpty()) {
            throw new IllegalArgumentException("an NAI extension needs a non-empty NAI (RFC 2794 §2)");
        }
        return ByteBufUtil.utf8Bytes(extension.nai());
    }

    @Override
    public void encodeBody(NaiExtension extension, ByteBuf out, int messageStart, MessageSigner signer) {
        ByteBufUtil.writeUtf8(out, extension.nai());
    }

    private static String strictUtf8(ExtensionFrame frame, byte[] octets) throws MalformedExtensionException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed(frame, "is not valid UTF-8");
        }
    }

    private static MalformedExtensionException malformed(ExtensionFrame frame, String problem) {
        return new MalformedExtensionException("NAI extension at offset " + frame.offset() + " " + problem
                + " (RFC 2794 §2)");
    }
}
