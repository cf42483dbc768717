package net.homeagent.peer.link;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.Mac;

/**
 * The Macs of the link's current keys, made once per key and reused: a Mac is not thread-safe,
 * so the ring is used on the event loop only. A reload of the key file (a new {@link PeerKeys})
 * replaces them.
 */
final class KeyRing {

    private final Supplier<PeerKeys> keys;
    private final Map<Integer, Mac> macs = new HashMap<>();
    private PeerKeys current = PeerKeys.NONE;

    KeyRing(Supplier<PeerKeys> keys) {
        this.keys = keys;
    }

    /** The key id to sign with now. */
    int sendKeyId() {
        return refresh().sendKeyId();
    }

    /** The Mac of {@code keyId}, empty when the key file does not hold it. */
    Optional<Mac> mac(int keyId) {
        PeerKeys latest = refresh();
        Mac cached = macs.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Mac> made = latest.mac(keyId);
        made.ifPresent(mac -> macs.put(keyId, mac));
        return made;
    }

    private PeerKeys refresh() {
        PeerKeys latest = keys.get();
        if (latest != current) {
            current = latest;
            macs.clear();
        }
        return latest;
    }
}
