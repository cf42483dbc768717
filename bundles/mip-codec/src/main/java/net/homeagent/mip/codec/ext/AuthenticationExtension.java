package net.homeagent.mip.codec.ext;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An authentication extension: Mobile-Home (32, RFC 5944 §3.5.2), Mobile-Foreign (33, §3.5.3),
 * Foreign-Home (34, §3.5.4) in the short format, or the Generalized Mobile IP Authentication
 * extension (36, RFC 4721, which obsoletes RFC 3012) whose subtype 1 is MN-AAA. The type codes
 * are those of the IANA "Extensions to Mobile IP Registration Messages" registry.
 *
 * <p>The authenticator covers, per RFC 5944 §3.5.1, the message's UDP payload from its first
 * octet up to and including this extension's SPI field: {@code authenticatedLength} is that
 * count for an extension decoded from the wire; it is {@link #NOT_RECEIVED} for one built to be
 * sent, whose authenticator the encoder computes.
 *
 * @param type                32, 33, 34 or 36
 * @param subtype             the subtype of a generalized (36) extension, else 0
 * @param spi                 the 32-bit security parameter index, unsigned
 * @param authenticator       the authenticator bytes; empty when the encoder is to compute them
 * @param authenticatedLength the number of message octets the authenticator covers
 */
public record AuthenticationExtension(int type, int subtype, long spi, byte[] authenticator, int authenticatedLength)
        implements Extension {

    /** Mobile-Home (MN-HA) Authentication Extension, RFC 5944 §3.5.2. */
    public static final int MOBILE_HOME = 32;
    /** Mobile-Foreign (MN-FA) Authentication Extension, RFC 5944 §3.5.3. */
    public static final int MOBILE_FOREIGN = 33;
    /** Foreign-Home (FA-HA) Authentication Extension, RFC 5944 §3.5.4. */
    public static final int FOREIGN_HOME = 34;
    /** Generalized Mobile IP Authentication Extension, RFC 4721 (long format: type, subtype, 16-bit length). */
    public static final int GENERALIZED = 36;
    /** Generalized extension subtype MN-AAA (RFC 4721). */
    public static final int SUBTYPE_MN_AAA = 1;
    public static final int NOT_RECEIVED = -1;

    /** The authenticator of an extension to be signed; empty, so one array serves every one. */
    private static final byte[] NONE_YET = new byte[0];

    public AuthenticationExtension {
        authenticator = authenticator.length == 0 ? NONE_YET : authenticator.clone();
    }

    /** An extension to send; the encoder fills in the authenticator. */
    public static AuthenticationExtension toSign(int type, int subtype, long spi) {
        return new AuthenticationExtension(type, subtype, spi, NONE_YET, NOT_RECEIVED);
    }

    public static AuthenticationExtension mobileHome(long spi) {
        return toSign(MOBILE_HOME, 0, spi);
    }

    public boolean isGeneralized() {
        return type == GENERALIZED;
    }

    @Override
    public byte[] authenticator() {
        return authenticator.length == 0 ? NONE_YET : authenticator.clone();
    }

    /** The authenticator's length in octets, 0 for one still to be computed; copies nothing. */
    public int authenticatorLength() {
        return authenticator.length;
    }

    /**
     * Whether {@code computed} is this extension's authenticator, compared in constant time so that
     * a forger learns nothing from timing; unlike {@link #authenticator()} it copies nothing.
     */
    public boolean authenticatorMatches(byte[] computed) {
        return MessageDigest.isEqual(authenticator, computed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationExtension a && a.type == type && a.subtype == subtype && a.spi == spi
                && a.authenticatedLength == authenticatedLength && Arrays.equals(a.authenticator, authenticator);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spi) * 31 + Arrays.hashCode(authenticator);
    }

    @Override
    public String toString() {
        return "AuthenticationExtension[type=" + type + ", subtype=" + subtype + ", spi=" + spi
                + ", authenticator=" + HexFormat.of().formatHex(authenticator) + "]";
    }
}
