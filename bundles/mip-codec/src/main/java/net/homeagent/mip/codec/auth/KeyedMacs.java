package net.homeagent.mip.codec.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One JCA {@link Mac} per thread, re-keyed only when the key changes. {@code Mac.getInstance}
 * looks the algorithm up among the providers on every call, which cost as much as the HMAC
 * itself on the registration path (docs/PERFORMANCE.md); a home agent verifies a request and
 * signs its reply with the same key one after the other on one event loop, so keeping the keyed
 * {@code Mac} saves the key set-up of the second one too. {@link Mac#doFinal()} leaves the
 * {@code Mac} keyed and ready for the next message (RFC 2104: the key pads are the same for
 * every message).
 */
final class KeyedMacs {

    private final String algorithm;
    private final ThreadLocal<KeyedMac> perThread;

    KeyedMacs(String algorithm) {
        this.algorithm = algorithm;
        this.perThread = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail at once, not on the first message, if the JDK lacks the algorithm
    }

    /** The MAC of {@code data[offset, offset+length)} under {@code key}. */
    byte[] compute(byte[] key, byte[] data, int offset, int length) {
        return perThread.get().compute(key, data, offset, length);
    }

    private KeyedMac newMac() {
        try {
            return new KeyedMac(Mac.getInstance(algorithm), algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is a mandatory JCA algorithm", e);
        }
    }

    /** A thread's Mac and a copy of the key it holds. */
    private static final class KeyedMac {
        private final Mac mac;
        private final String algorithm;
        private byte[] key;

        KeyedMac(Mac mac, String algorithm) {
            this.mac = mac;
            this.algorithm = algorithm;
        }

        byte[] compute(byte[] newKey, byte[] data, int offset, int length) {
            // a constant-time comparison, as for authenticators: timing tells nothing about keys
            if (key == null || !MessageDigest.isEqual(key, newKey)) {
                rekey(newKey);
            }
            try {
                mac.update(data, offset, length);
                return mac.doFinal();
            } catch (RuntimeException e) {
                mac.reset(); // a bad range must not leave octets in the next message's MAC
                throw e;
            }
        }

        private void rekey(byte[] newKey) {
            byte[] previous = key;
            key = null; // until the Mac holds the new key
            try {
                // RFC 2104 pads a short key with zeros, so the empty key is the one-zero-octet key;
                // SecretKeySpec refuses an empty one
                mac.init(new SecretKeySpec(newKey.length == 0 ? new byte[1] : newKey, algorithm));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("an HMAC accepts a key of any length", e);
            }
            // the copy's array is kept from one key to the next of the same length
            byte[] copy = previous != null && previous.length == newKey.length ? previous : new byte[newKey.length];
            System.arraycopy(newKey, 0, copy, 0, newKey.length);
            key = copy;
        }
    }
}
