package net.homeagent.hacn.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.mip.api.Binding;

/**
 * Cuts a table into {@link SnapshotChunk}s of at most {@code chunkBytes} encoded bytes each, keeping
 * every home address's bindings in one chunk so that a receiver applies a home address's whole
 * state at once. Used by an HA answering a snapshot request and by the HACN downloading to a
 * redundant HA.
 */
public final class SnapshotChunks {

    private SnapshotChunks() {
    }

    /**
     * @param bindings the table, each home address's bindings next to each other
     * @return at least one chunk (an empty table is one empty chunk, so that its end is seen)
     */
    public static List<byte[]> encode(int transferId, long sequence, List<Binding> bindings, int chunkBytes,
            Instant now) {
        List<List<Binding>> parts = new ArrayList<>();
        List<Binding> part = new ArrayList<>();
        int bytes = HacnCodec.CHUNK_OVERHEAD;
        int i = 0;
        while (i < bindings.size()) {
            int end = i + 1;
            int homeBytes = HacnCodec.size(bindings.get(i));
            while (end < bindings.size() && bindings.get(end).homeAddress().equals(bindings.get(i).homeAddress())) {
                homeBytes += HacnCodec.size(bindings.get(end));
                end++;
            }
            if (!part.isEmpty() && bytes + homeBytes > chunkBytes) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = HacnCodec.CHUNK_OVERHEAD;
            }
            part.addAll(bindings.subList(i, end));
            bytes += homeBytes;
            i = end;
        }
        parts.add(part);
        List<byte[]> chunks = new ArrayList<>(parts.size());
        for (int index = 0; index < parts.size(); index++) {
            chunks.add(HacnCodec.encode(new SnapshotChunk(transferId, index, parts.size(), sequence, parts.get(index)),
                    now));
        }
        return chunks;
    }
}
