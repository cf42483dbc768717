package net.homeagent.hacn.agent;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.homeagent.hacn.Counters;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;

/**
 * On a redundant HA, the chunks of the snapshots the HACN downloads: each chunk's home addresses go
 * into the binding store as they arrive (origin {@link ChangeOrigin#DOWNLOADED}, their remaining
 * lifetimes counted from this HA's clock by the decoder), so that a chunk acknowledged by the link
 * is a chunk applied. An activation is accepted only for a transfer whose every chunk arrived.
 * The changes a chunk makes are not reported to the control node one home address at a time: it
 * sent them, and it fills this HA's MBR with them when the activation is acknowledged
 * (docs/hacn.md, "Takeover"); {@link #applying()} tells the reporter which changes those are.
 */
final class DownloadIntake {

    private final BindingStore store;
    private final Counters counters;
    private final Map<Integer, BitSet> received = new HashMap<>();
    /** The thread applying a chunk now (the link's), whose store changes are the download's. */
    private volatile Thread applyingThread;

    DownloadIntake(BindingStore store, Counters counters) {
        this.store = store;
        this.counters = counters;
    }

    synchronized void apply(SnapshotChunk chunk) {
        Map<Inet4Address, List<Binding>> byHome = new LinkedHashMap<>();
        for (Binding b : chunk.bindings()) {
            byHome.computeIfAbsent(b.homeAddress(), h -> new ArrayList<>()).add(b);
        }
        applyingThread = Thread.currentThread();
        try {
            byHome.forEach((home, bindings) -> {
                boolean simultaneous = bindings.size() > 1; // RFC 5944 §3.6.1.2: one binding replaces the others
                for (Binding b : bindings) {
                    store.register(b, simultaneous, ChangeOrigin.DOWNLOADED);
                }
            });
        } finally {
            applyingThread = null;
        }
        received.computeIfAbsent(chunk.transferId(), t -> new BitSet()).set(chunk.index());
        counters.increment("download-chunks");
    }

    /**
     * Whether the calling thread is applying a chunk now: a store change it makes is the download's
     * (a listener is called on the thread that made the change).
     */
    boolean applying() {
        return applyingThread == Thread.currentThread();
    }

    /** Whether every chunk of {@code transferId} arrived; forgets the transfer either way. */
    synchronized boolean complete(int transferId, int chunks) {
        BitSet seen = received.remove(transferId);
        return seen != null && seen.cardinality() == chunks && seen.nextSetBit(chunks) < 0;
    }
}
