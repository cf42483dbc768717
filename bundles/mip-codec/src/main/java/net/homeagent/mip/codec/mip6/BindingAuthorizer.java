package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;

/**
 * The inputs of a Binding Authorization Data authenticator for one binding (RFC 6275 §6.2.7):
 * Kbm, the care-of address and the correspondent's address. It signs what
 * {@link MobilityHeaderCodec#encodeAuthorized} writes and verifies what
 * {@link MobilityHeaderCodec#decode} read.
 */
public final class BindingAuthorizer {
    private static final int CHECKSUM_OFFSET = 4;

    private final byte[] kbm;
    private final Inet6Address careOfAddress;
    private final Inet6Address correspondent;

    public BindingAuthorizer(byte[] kbm, Inet6Address careOfAddress, Inet6Address correspondent) {
        this.kbm = kbm.clone();
        this.careOfAddress = Objects.requireNonNull(careOfAddress, "careOfAddress");
        this.correspondent = Objects.requireNonNull(correspondent, "correspondent");
    }

    /** The authenticator over {@code mh[index, index+length)}, whose Checksum field is zero. */
    byte[] authenticator(ByteBuf mh, int index, int length) {
        byte[] data = new byte[length];
        mh.getBytes(index, data);
        return ReturnRoutability.authenticator(kbm, careOfAddress, correspondent, data, 0, length);
    }

    /**
     * Whether {@code mobilityHeader}, the octets {@code decoded} was decoded from, carries a
     * Binding Authorization Data option (the last option, so its authenticator is the last octets)
     * with the authenticator this key gives. The comparison takes the same time wherever it differs.
     */
    public boolean verifies(byte[] mobilityHeader, MobilityMessage decoded) {
        List<MobilityOption> options = decoded.options();
        if (options.isEmpty() || !(options.get(options.size() - 1) instanceof BindingAuthorizationData option)) {
            return false;
        }
        byte[] received = option.authenticator();
        int covered = mobilityHeader.length - received.length;
        if (covered < CHECKSUM_OFFSET + 2) {
            return false;
        }
        byte[] data = mobilityHeader.clone();
        data[CHECKSUM_OFFSET] = 0;
        data[CHECKSUM_OFFSET + 1] = 0;
        byte[] expected = ReturnRoutability.authenticator(kbm, careOfAddress, correspondent, data, 0, covered);
        return MessageDigest.isEqual(expected, received);
    }
}
