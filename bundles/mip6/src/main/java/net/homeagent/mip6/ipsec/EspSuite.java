package net.homeagent.mip6.ipsec;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ESP transforms a manually keyed security association may use. RFC 8221 §5 and §6 make
 * ENCR_AES_CBC with AUTH_HMAC_SHA1_96 a MUST for ESP (RFC 3602, RFC 2404) and it is what scapy and
 * most stacks interoperate on; AES-GCM (RFC 4106, also a MUST) is not offered yet (docs/mip6.md).
 */
public enum EspSuite {

    /** AES-CBC (RFC 3602: 16-octet explicit IV, 16-octet blocks) with HMAC-SHA1-96 (RFC 2404: 20-octet key, 12-octet ICV). */
    AES_CBC_HMAC_SHA1_96("aes-cbc/hmac-sha1-96", new int[] {16, 24, 32}, 20, 16, 16, 12);

    private final String configName;
    private final int[] cipherKeyLengths;
    private final int authKeyLength;
    private final int ivLength;
    private final int blockLength;
    private final int icvLength;

    EspSuite(String configName, int[] cipherKeyLengths, int authKeyLength, int ivLength, int blockLength, int icvLength) {
        this.configName = configName;
        this.cipherKeyLengths = cipherKeyLengths;
        this.authKeyLength = authKeyLength;
        this.ivLength = ivLength;
        this.blockLength = blockLength;
        this.icvLength = icvLength;
    }

    /** The suite a line of the associations file names, e.g. {@code aes-cbc/hmac-sha1-96}. */
    public static Optional<EspSuite> named(String name) {
        return Arrays.stream(values()).filter(suite -> suite.configName.equalsIgnoreCase(name)).findFirst();
    }

    public String configName() {
        return configName;
    }

    public boolean acceptsCipherKeyLength(int octets) {
        return Arrays.stream(cipherKeyLengths).anyMatch(length -> length == octets);
    }

    public int authKeyLength() {
        return authKeyLength;
    }

    public int ivLength() {
        return ivLength;
    }

    public int blockLength() {
        return blockLength;
    }

    public int icvLength() {
        return icvLength;
    }
}
