package net.homeagent.mip.codec.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import net.homeagent.mip.codec.ExtensionCodec;
import net.homeagent.mip.codec.ExtensionFormat;
import net.homeagent.mip.codec.ExtensionFrame;
import net.homeagent.mip.codec.MalformedExtensionException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * The vendor/organization specific extensions of RFC 3115.
 *
 * <pre>
 * CVSE (38): Type | Reserved | Length (16) | Vendor/Org-ID (32) | Vendor-CVSE-Type (16) | Value ...
 * NVSE (134): Type | Length | Reserved (16) | Vendor/Org-ID (32) | Vendor-NVSE-Type (16) | Value ...
 * </pre>
 *
 * The length excludes the type and length fields (and the CVSE's reserved octet) but includes
 * the NVSE's reserved field, so the smallest CVSE length is 6 and the smallest NVSE length 8.
 * Reserved fields are sent as zero and ignored on reception.
 */
public final class VendorSpecificExtensionCodec implements ExtensionCodec<VendorSpecificExtension> {
    /** CVSE, type 38, long format with the second octet reserved. */
    public static final VendorSpecificExtensionCodec CRITICAL = new VendorSpecificExtensionCodec(true);
    /** NVSE, type 134, short format with a reserved 16-bit field leading the body. */
    public static final VendorSpecificExtensionCodec NORMAL = new VendorSpecificExtensionCodec(false);

    private static final int VENDOR_HEADER_LENGTH = 6;

    private final boolean critical;
    private final int reservedLength;

    private VendorSpecificExtensionCodec(boolean critical) {
        this.critical = critical;
        this.reservedLength = critical ? 0 : 2;
    }

    @Override
    public Class<VendorSpecificExtension> extensionClass() {
        return VendorSpecificExtension.class;
    }

    @Override
    public ExtensionFormat format() {
        return critical ? ExtensionFormat.LONG : ExtensionFormat.SHORT;
    }

    @Override
    public VendorSpecificExtension decode(ExtensionFrame frame, ByteBuf body) throws MalformedExtensionException {
        int dataOffset = reservedLength + VENDOR_HEADER_LENGTH;
        if (frame.bodyLength() < dataOffset) {
            throw new MalformedExtensionException((critical ? "CVSE" : "NVSE") + " (type " + frame.type()
                    + ") at offset " + frame.offset() + " has length " + frame.bodyLength() + ", at least "
                    + dataOffset + " needed for the vendor and type fields (RFC 3115)");
        }
        long vendorId = body.getUnsignedInt(reservedLength);
        int vendorType = body.getUnsignedShort(reservedLength + 4);
        byte[] data = ByteBufUtil.getBytes(body, dataOffset, frame.bodyLength() - dataOffset);
        return new VendorSpecificExtension(critical, vendorId, vendorType, data);
    }

    @Override
    public int bodyLength(VendorSpecificExtension extension) {
        return reservedLength + VENDOR_HEADER_LENGTH + extension.data().length;
    }

    @Override
    public void encodeBody(VendorSpecificExtension extension, ByteBuf out, int messageStart, MessageSigner signer) {
        out.writeZero(reservedLength);
        out.writeInt((int) WireFields.checkUnsigned(extension.vendorId(), 32, "Vendor/Org-ID"));
        out.writeShort((int) WireFields.checkUnsigned(extension.vendorType(), 16, "vendor type"));
        out.writeBytes(extension.data());
    }
}
