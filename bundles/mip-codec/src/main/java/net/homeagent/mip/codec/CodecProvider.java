package net.homeagent.mip.codec;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Message and extension codecs that a bundle adds to the standard ones. In the appliance a role
 * bundle registers an implementation as an OSGi service of this type and the home agent's
 * transport rebuilds its registry with it ({@link CodecRegistry.Builder#add}); this bundle itself
 * knows nothing of OSGi. A provider may take only type codes nobody has: the RFC 5944 messages and
 * extensions decode the same whatever is installed.
 */
@ConsumerType
public interface CodecProvider {

    /** Message codecs by type code (the first octet of the UDP payload). */
    default Map<Integer, MessageCodec<?>> messageCodecs() {
        return Map.of();
    }

    /**
     * Extension codecs by type code. A registered type of 0-127 is then understood instead of
     * making its message discarded, one of 128-255 is decoded instead of skipped (RFC 5944 §1.9).
     */
    default Map<Integer, ExtensionCodec<?>> extensionCodecs() {
        return Map.of();
    }
}
