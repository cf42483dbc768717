package net.homeagent.peer.link;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The records queued per destination, each destination's batch going out as one datagram of at
 * most {@code mtu} bytes. A batch is sent when the next record would not fit, and every batch when
 * the event loop has run the tasks queued in this iteration (Netty's
 * {@code executeAfterEventLoopIteration}): what the roles queued in one burst shares datagrams, and
 * a lone message leaves without waiting for a timer. Used on the event loop only.
 */
final class OutboundBatches {

    private final int recordBytesPerDatagram;
    private final BiConsumer<InetSocketAddress, List<byte[]>> send;
    private final Runnable scheduleFlush;
    private final Map<InetSocketAddress, Batch> batches = new LinkedHashMap<>();
    private boolean flushScheduled;

    /**
     * @param send          writes one datagram of these records to that destination
     * @param scheduleFlush arranges one call of {@link #flushAll} when the event loop's current tasks ran
     */
    OutboundBatches(int mtu, BiConsumer<InetSocketAddress, List<byte[]>> send, Runnable scheduleFlush) {
        this.recordBytesPerDatagram = mtu - PeerWire.DATAGRAM_OVERHEAD;
        this.send = send;
        this.scheduleFlush = scheduleFlush;
    }

    void add(InetSocketAddress destination, byte[] record) {
        Batch batch = batches.computeIfAbsent(destination, d -> new Batch());
        if (batch.bytes + record.length > recordBytesPerDatagram) {
            send.accept(destination, batch.take());
        }
        batch.records.add(record);
        batch.bytes += record.length;
        if (!flushScheduled) {
            flushScheduled = true;
            scheduleFlush.run();
        }
    }

    void flushAll() {
        flushScheduled = false;
        batches.forEach((destination, batch) -> {
            if (!batch.records.isEmpty()) {
                send.accept(destination, batch.take());
            }
        });
        batches.clear();
    }

    private static final class Batch {
        private List<byte[]> records = new ArrayList<>();
        private int bytes;

        List<byte[]> take() {
            List<byte[]> taken = records;
            records = new ArrayList<>();
            bytes = 0;
            return taken;
        }
    }
}
