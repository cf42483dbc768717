package net.homeagent.mip.codec.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Authentication algorithms of a mobility security association (RFC 5944 §3.5.1, §5.1).
 * Each computes a 128-bit authenticator over the covered bytes of a message. Thread-safe: each
 * thread computes with its own JCA object, set up once (see {@code KeyedMacs}).
 */
public enum AuthenticationAlgorithm {

    /** HMAC-MD5 (RFC 2104), the RFC 5944 §5.1 default. */
    HMAC_MD5("hmac-md5") {
        private final KeyedMacs macs = new KeyedMacs("HmacMD5");

        @Override
        public byte[] compute(byte[] key, byte[] data, int offset, int length) {
            return macs.compute(key, data, offset, length);
        }
    },

    /** Keyed MD5 in prefix+suffix mode, MD5(key || data || key): the RFC 2002 default, for old peers. */
    KEYED_MD5("keyed-md5") {
        /** One digest per thread: {@code MessageDigest.getInstance} looks up the providers on every call. */
        private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(AuthenticationAlgorithm::md5);

        @Override
        public byte[] compute(byte[] key, byte[] data, int offset, int length) {
            MessageDigest md5 = digests.get();
            md5.reset(); // in case a bad range left octets in it
            md5.update(key);
            md5.update(data, offset, length);
            md5.update(key);
            return md5.digest();
        }
    };

    /** Authenticator length in octets of both algorithms. */
    public static final int AUTHENTICATOR_LENGTH = 16;

    private final String configName;

    AuthenticationAlgorithm(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files, e.g. {@code hmac-md5}. */
    public String configName() {
        return configName;
    }

    public abstract byte[] compute(byte[] key, byte[] data, int offset, int length);

    /** Compares in constant time so that a forger learns nothing from timing. */
    public boolean verify(byte[] key, byte[] data, int offset, int length, byte[] authenticator) {
        return MessageDigest.isEqual(compute(key, data, offset, length), authenticator);
    }

    public static AuthenticationAlgorithm fromConfigName(String name) {
        for (AuthenticationAlgorithm a : values()) {
            if (a.configName.equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown authentication algorithm '" + name
                + "' (expected hmac-md5 or keyed-md5)");
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JCA algorithm", e);
        }
    }
}
