package net.homeagent.peer.link;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The link's HMAC-SHA-256 keys by 16-bit key id: every one is accepted on receive (that is how a
 * key rolls over: add the new key everywhere, then make it the send key, then remove the old one),
 * one signs what this node sends. Immutable; {@link #toString} never shows a key.
 */
final class PeerKeys {

    static final String ALGORITHM = "HmacSHA256";
    static final int HMAC_LENGTH = 32;
    static final int MIN_KEY_LENGTH = 32;
    static final PeerKeys NONE = new PeerKeys(Map.of(), -1);

    private final Map<Integer, byte[]> keys;
    private final int sendKeyId;

    PeerKeys(Map<Integer, byte[]> keys, int sendKeyId) {
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        keys.forEach((id, key) -> copy.put(id, key.clone()));
        this.keys = copy;
        this.sendKeyId = sendKeyId;
        if (!copy.isEmpty() && !copy.containsKey(sendKeyId)) {
            throw new IllegalArgumentException("send key id " + sendKeyId + " is not among the keys");
        }
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    int size() {
        return keys.size();
    }

    /** The key id this node signs with; only when not {@link #isEmpty}. */
    int sendKeyId() {
        return sendKeyId;
    }

    boolean has(int keyId) {
        return keys.containsKey(keyId);
    }

    /** A new Mac for key {@code keyId}: a Mac is not thread-safe, so each user keeps its own. */
    Optional<Mac> mac(int keyId) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return Optional.of(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }

    /** Whether both hold the same keys and send key (a reload that changed nothing keeps its Macs). */
    boolean sameAs(PeerKeys other) {
        if (sendKeyId != other.sendKeyId || !keys.keySet().equals(other.keys.keySet())) {
            return false;
        }
        return keys.entrySet().stream().allMatch(e -> MessageDigest.isEqual(e.getValue(), other.keys.get(e.getKey())));
    }

    @Override
    public String toString() {
        return keys.size() + " keys " + keys.keySet() + ", sending with key " + sendKeyId;
    }
}
