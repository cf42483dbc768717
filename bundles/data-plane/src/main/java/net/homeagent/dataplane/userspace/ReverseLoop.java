package net.homeagent.dataplane.userspace;

import java.nio.ByteBuffer;

import net.homeagent.dataplane.linux.MessageBatch;
import net.homeagent.dataplane.linux.Poller;
import net.homeagent.dataplane.linux.RawSocket;
import net.homeagent.dataplane.linux.TunDevice;
import net.homeagent.dataplane.packet.Decapsulated;
import net.homeagent.dataplane.packet.Decapsulator;

/**
 * Care-of address to the world (reverse tunnelling, RFC 3024): receives IP-in-IP, GRE and minimal
 * encapsulated datagrams in batches ({@code recvmmsg}) on raw sockets, unwraps them, admits those
 * from their binding's care-of address, and writes the inner datagram into the TUN device: the
 * host forwards it from there as if it had arrived on the home link.
 */
final class ReverseLoop implements Runnable {

    private final RawSocket[] sockets;
    private final Poller poller;
    private final TunDevice tun;
    private final ReverseAdmission admission;
    private final Drops drops;
    private final MessageBatch batch;
    private final Decapsulated decapsulated = new Decapsulated();
    private volatile boolean running = true;

    ReverseLoop(RawSocket[] sockets, Poller poller, TunDevice tun, ReverseAdmission admission, Drops drops,
            int batchSize, int slotSize) {
        this.sockets = sockets.clone();
        this.poller = poller;
        this.tun = tun;
        this.admission = admission;
        this.drops = drops;
        this.batch = new MessageBatch(batchSize, slotSize);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        ByteBuffer buffer = batch.buffer();
        while (running) {
            if (!poller.await(ForwardLoop.POLL_MILLIS)) {
                continue;
            }
            for (int s = 0; s < sockets.length; s++) {
                if (!poller.readable(s)) {
                    continue;
                }
                int received = sockets[s].receive(batch);
                for (int slot = 0; slot < received; slot++) {
                    int at = batch.offset(slot);
                    if (Decapsulator.fromRawSocket(buffer, at, batch.receivedLength(slot), decapsulated) != null) {
                        drops.count(Drops.Reason.MALFORMED);
                        continue;
                    }
                    if (admission.admit(buffer, decapsulated, 0) != null
                            && !tun.write(batch.slot(slot).share(decapsulated.innerAt - at), decapsulated.innerLength)) {
                        drops.count(Drops.Reason.TUN_QUEUE_FULL);
                    }
                }
            }
        }
    }
}
