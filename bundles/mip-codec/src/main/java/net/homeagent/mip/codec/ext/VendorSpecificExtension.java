package net.homeagent.mip.codec.ext;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Critical (38) or Normal (134) Vendor/Organization Specific Extension, RFC 3115 §3-4.
 * A CVSE a home agent does not understand makes it refuse the request (code 140/141);
 * an NVSE it does not understand is ignored.
 *
 * @param critical   true for CVSE (38), false for NVSE (134)
 * @param vendorId   the 32-bit Vendor/Org-ID (high octet zero, then the SMI enterprise number)
 * @param vendorType the 16-bit Vendor-CVSE-Type or Vendor-NVSE-Type
 * @param data       the vendor data
 */
public record VendorSpecificExtension(boolean critical, long vendorId, int vendorType, byte[] data)
        implements Extension {
    public static final int CRITICAL_TYPE = 38;
    public static final int NORMAL_TYPE = 134;

    public VendorSpecificExtension {
        data = data.clone();
    }

    @Override
    public int type() {
        return critical ? CRITICAL_TYPE : NORMAL_TYPE;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendorSpecificExtension v && v.critical == critical && v.vendorId == vendorId
                && v.vendorType == vendorType && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(vendorId) * 31 + vendorType * 7 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "VendorSpecificExtension[critical=" + critical + ", vendorId=" + vendorId + ", vendorType="
                + vendorType + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
