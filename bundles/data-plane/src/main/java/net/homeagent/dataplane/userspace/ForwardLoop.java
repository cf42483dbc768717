package net.homeagent.dataplane.userspace;

import java.nio.ByteBuffer;

import net.homeagent.dataplane.linux.MessageBatch;
import net.homeagent.dataplane.linux.Poller;
import net.homeagent.dataplane.linux.RawSocket;
import net.homeagent.dataplane.linux.TunDevice;
import net.homeagent.dataplane.packet.Encapsulator;
import net.homeagent.dataplane.packet.Ipv4Header;

/**
 * Home address to care-of address: reads the datagrams the host routed into the TUN device (up to
 * a batch per wake-up, one read each: a TUN device has no batch read), wraps each for every
 * tunnel of its destination, and sends the batch with one {@code sendmmsg} on the raw socket.
 */
final class ForwardLoop implements Runnable {

    static final int POLL_MILLIS = 200;

    private final TunDevice tun;
    private final RawSocket out;
    private final Poller poller;
    private final TunnelTable table;
    private final Drops drops;
    private final MessageBatch reads;
    private final MessageBatch sends;
    private volatile boolean running = true;

    ForwardLoop(TunDevice tun, RawSocket out, Poller poller, TunnelTable table, Drops drops, int batch,
            int slotSize) {
        this.tun = tun;
        this.out = out;
        this.poller = poller;
        this.table = table;
        this.drops = drops;
        this.reads = new MessageBatch(batch, slotSize);
        this.sends = new MessageBatch(batch, slotSize + Encapsulator.MAX_OVERHEAD);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        ByteBuffer in = reads.buffer();
        ByteBuffer wrapped = sends.buffer();
        while (running) {
            if (!poller.await(POLL_MILLIS)) {
                continue;
            }
            int queued = 0;
            for (int slot = 0; slot < reads.count(); slot++) {
                int length = tun.read(reads.slot(slot), reads.slotSize());
                if (length < 0) {
                    break;
                }
                int at = reads.offset(slot);
                if (Ipv4Header.problem(in, at, length) != null) {
                    drops.count(Drops.Reason.MALFORMED);
                    continue;
                }
                TunnelEntry[] tunnels = table.find(Ipv4Header.destination(in, at));
                if (tunnels.length == 0) {
                    drops.count(Drops.Reason.NO_BINDING);
                    continue;
                }
                for (TunnelEntry tunnel : tunnels) {
                    if (queued == sends.count()) {
                        send(queued);
                        queued = 0;
                    }
                    int outer = Encapsulator.encapsulate(in, at, length, tunnel.endpoint, wrapped,
                            sends.offset(queued));
                    sends.prepareSend(queued, outer, tunnel.endpoint.destination());
                    tunnel.packetsTunnelled.increment();
                    tunnel.bytesTunnelled.add(length);
                    queued++;
                }
            }
            send(queued);
        }
    }

    private void send(int queued) {
        if (queued > 0) {
            int sent = out.send(sends, queued);
            if (sent < queued) {
                drops.count(Drops.Reason.SEND_QUEUE_FULL, queued - sent);
            }
        }
    }
}
