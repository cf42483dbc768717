package net.homeagent.mip6.ipsec;

import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one direction of a mobile node's ESP security associations (RFC 4303 §1: an SA is
 * simplex). {@link #toString()} names the SPI only: keys are never logged.
 *
 * @param spi       the Security Parameters Index (RFC 4303 §2.1), 256 and above
 * @param cipherKey the AES key
 * @param authKey   the HMAC-SHA1 key
 */
public record DirectionKeys(long spi, SecretKeySpec cipherKey, SecretKeySpec authKey) {

    /** Whether both keys and the SPI are those of {@code other}: a reload that kept a line keeps its state. */
    boolean sameAs(DirectionKeys other) {
        return spi == other.spi && Arrays.equals(cipherKey.getEncoded(), other.cipherKey.getEncoded())
                && Arrays.equals(authKey.getEncoded(), other.authKey.getEncoded());
    }

    @Override
    public String toString() {
        return "SPI " + spi;
    }
}
