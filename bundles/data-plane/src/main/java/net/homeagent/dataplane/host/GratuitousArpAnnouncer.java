package net.homeagent.dataplane.host;

import java.io.Closeable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import net.homeagent.dataplane.linux.PacketSocket;
import net.homeagent.dataplane.packet.GratuitousArp;

/**
 * Sends the gratuitous ARP of RFC 5944 §4.6 on the home link when a binding starts or moves, and
 * once more a second later: the RFC recommends retransmitting it a small number of times, as a
 * broadcast can be lost. One datagram on an AF_PACKET socket per announcement, no process: a
 * million bindings are a million small sends, spread by the binding events themselves.
 */
public final class GratuitousArpAnnouncer implements Announcer, Closeable {

    private final PacketSocket socket;
    private final byte[] mac;
    private final ScheduledExecutorService timer;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public GratuitousArpAnnouncer(PacketSocket socket, byte[] homeAgentMac, ScheduledExecutorService timer) {
        this.socket = socket;
        this.mac = homeAgentMac.clone();
        this.timer = timer;
    }

    @Override
    public void announce(int homeAddress) {
        byte[] arp = GratuitousArp.request(homeAddress, mac);
        send(arp);
        timer.schedule(() -> send(arp), 1, TimeUnit.SECONDS);
    }

    private void send(byte[] arp) {
        if (socket.broadcast(arp)) {
            sent.increment();
        } else {
            failed.increment();
        }
    }

    public long sent() {
        return sent.sum();
    }

    public long failed() {
        return failed.sum();
    }

    @Override
    public void close() {
        socket.close();
    }
}
