package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The return-routability cryptography of RFC 6275 §5.2.5 that shows on the wire: the keygen
 * tokens a correspondent puts in Home Test and Care-of Test, the binding management key Kbm both
 * sides derive from them, and the Binding Authorization Data authenticator (§6.2.7).
 *
 * <pre>
 * home keygen token    = First (64, HMAC_SHA1 (Kcn, (home address | nonce | 0)))
 * care-of keygen token = First (64, HMAC_SHA1 (Kcn, (care-of address | nonce | 1)))
 * Kbm                  = SHA1 (home keygen token | care-of keygen token)
 * Kbm (deregistration) = SHA1 (home keygen token)
 * Authenticator        = First (96, HMAC_SHA1 (Kbm, (care-of address | correspondent | MH Data)))
 * </pre>
 *
 * The final 0 and 1 are single octets. Tokens are 64-bit values as in the Home Test and Care-of
 * Test records.
 */
public final class ReturnRoutability {
    private static final String HMAC_SHA1 = "HmacSHA1";
    private static final int TOKEN_OCTETS = 8;
    private static final int AUTHENTICATOR_OCTETS = 12;

    private ReturnRoutability() {
    }

    public static long homeKeygenToken(byte[] kcn, Inet6Address homeAddress, byte[] nonce) {
        return keygenToken(kcn, homeAddress, nonce, 0);
    }

    public static long careOfKeygenToken(byte[] kcn, Inet6Address careOfAddress, byte[] nonce) {
        return keygenToken(kcn, careOfAddress, nonce, 1);
    }

    private static long keygenToken(byte[] kcn, Inet6Address address, byte[] nonce, int which) {
        Mac mac = hmacSha1(kcn);
        mac.update(address.getAddress());
        mac.update(nonce);
        mac.update((byte) which);
        return ByteBuffer.wrap(mac.doFinal(), 0, TOKEN_OCTETS).getLong();
    }

    /** Kbm of a binding (20 octets). */
    public static byte[] kbm(long homeKeygenToken, long careOfKeygenToken) {
        return sha1(ByteBuffer.allocate(2 * TOKEN_OCTETS).putLong(homeKeygenToken).putLong(careOfKeygenToken)
                .array());
    }

    /** Kbm of a deregistration from home (§5.2.5: the care-of keygen token is not used). */
    public static byte[] kbmForDeregistration(long homeKeygenToken) {
        return sha1(ByteBuffer.allocate(TOKEN_OCTETS).putLong(homeKeygenToken).array());
    }

    /**
     * The 96-bit authenticator over {@code mhData[offset, offset+length)}: the Mobility Header up to
     * the authenticator, with its Checksum field zero (§6.2.7).
     */
    public static byte[] authenticator(byte[] kbm, Inet6Address careOfAddress, Inet6Address correspondent,
            byte[] mhData, int offset, int length) {
        Mac mac = hmacSha1(kbm);
        mac.update(careOfAddress.getAddress());
        mac.update(correspondent.getAddress());
        mac.update(mhData, offset, length);
        return Arrays.copyOf(mac.doFinal(), AUTHENTICATOR_OCTETS);
    }

    private static Mac hmacSha1(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            // RFC 2104 pads a short key with zeros: the empty key is the one-zero-octet key, which
            // SecretKeySpec accepts where it refuses an empty one
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, HMAC_SHA1));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is a mandatory JCA algorithm", e);
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is a mandatory JCA algorithm", e);
        }
    }
}
