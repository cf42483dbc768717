package net.homeagent.dataplane.userspace;

import java.io.Closeable;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;

import net.homeagent.dataplane.linux.LibC;
import net.homeagent.dataplane.linux.Poller;
import net.homeagent.dataplane.linux.RawSocket;
import net.homeagent.dataplane.linux.TunDevice;
import net.homeagent.dataplane.packet.Decapsulated;
import net.homeagent.dataplane.packet.Decapsulator;
import net.homeagent.dataplane.packet.Encapsulator;
import net.homeagent.dataplane.packet.Ipv4Header;
import net.homeagent.mip.codec.TunnelData;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The native half of the user-space data plane: the TUN device, the raw sockets, and a thread
 * for each direction. Opening it needs CAP_NET_ADMIN (the TUN device) and CAP_NET_RAW (the raw
 * sockets); without them {@link #open} throws and the data plane reports forwarding off.
 */
final class UserSpaceForwarder implements Closeable {

    /** Tunnelled protocols received for reverse tunnelling (RFC 3024): IP in IP, GRE, minimal. */
    static final int[] TUNNEL_PROTOCOLS = {Ipv4Header.PROTOCOL_IP_IN_IP, Ipv4Header.PROTOCOL_GRE,
        Ipv4Header.PROTOCOL_MINIMAL};

    private final TunDevice tun;
    private final List<RawSocket> sockets;
    private final ForwardLoop forward;
    private final ReverseLoop reverse;
    private final List<Thread> threads = new ArrayList<>();
    private final ReverseAdmission admission;
    private final Drops drops;
    private final ThreadLocal<UdpScratch> udpScratch;

    private UserSpaceForwarder(TunDevice tun, List<RawSocket> sockets, ForwardLoop forward, ReverseLoop reverse,
            ReverseAdmission admission, Drops drops, int slotSize) {
        this.tun = tun;
        this.sockets = sockets;
        this.forward = forward;
        this.reverse = reverse;
        this.admission = admission;
        this.drops = drops;
        this.udpScratch = ThreadLocal.withInitial(() -> new UdpScratch(slotSize));
    }

    static UserSpaceForwarder open(LibC libc, UserSpaceSettings settings, TunnelTable table, Drops drops) {
        List<RawSocket> opened = new ArrayList<>();
        TunDevice tun = TunDevice.open(libc, settings.tunName());
        try {
            RawSocket out = RawSocket.open(libc, LibC.IPPROTO_RAW, settings.socketBufferBytes());
            opened.add(out);
            RawSocket[] in = new RawSocket[TUNNEL_PROTOCOLS.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = RawSocket.open(libc, TUNNEL_PROTOCOLS[i], settings.socketBufferBytes());
                opened.add(in[i]);
            }
            int slot = settings.slotSize();
            ReverseAdmission admission = new ReverseAdmission(table, drops);
            ForwardLoop forward = new ForwardLoop(tun, out, Poller.of(tun), table, drops, settings.batch(), slot);
            ReverseLoop reverse = new ReverseLoop(in, Poller.of(in), tun, admission, drops, settings.batch(),
                    slot + Encapsulator.MAX_OVERHEAD);
            UserSpaceForwarder forwarder = new UserSpaceForwarder(tun, opened, forward, reverse, admission, drops, slot);
            forwarder.start("dataplane-forward", forward);
            forwarder.start("dataplane-reverse", reverse);
            return forwarder;
        } catch (RuntimeException e) {
            opened.forEach(RawSocket::close);
            tun.close();
            throw e;
        }
    }

    private void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    String tunName() {
        return tun.name();
    }

    /**
     * A Tunnel Data message from a mobile node behind a NAT (RFC 3519 §3.3), reverse tunnelled:
     * unwrapped, admitted against the binding's NAT address and port, written into the TUN device.
     * Runs on the home agent's socket thread; it copies the datagram once and never blocks.
     */
    void tunnelData(TunnelData message, InetSocketAddress sender) {
        UdpScratch scratch = udpScratch.get();
        int length = message.payloadLength();
        if (!(sender.getAddress() instanceof Inet4Address from) || length > scratch.capacity) {
            drops.count(Drops.Reason.MALFORMED);
            return;
        }
        scratch.memory.write(0, message.wire(), TunnelData.PAYLOAD_OFFSET, length);
        Decapsulated d = scratch.decapsulated;
        if (Decapsulator.fromTunnelData(scratch.view, 0, length, message.nextHeader(), Ipv4.toInt(from), d)
                != null) {
            drops.count(Drops.Reason.MALFORMED);
            return;
        }
        if (admission.admit(scratch.view, d, sender.getPort()) != null
                && !tun.write(scratch.memory.share(d.innerAt), d.innerLength)) {
            drops.count(Drops.Reason.TUN_QUEUE_FULL);
        }
    }

    @Override
    public void close() {
        forward.stop();
        reverse.stop();
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sockets.forEach(RawSocket::close);
        // closing the descriptor removes the (non-persistent) device and every route through it
        tun.close();
    }

    /** Per-thread native room for one Tunnel Data payload. */
    private static final class UdpScratch {
        final int capacity;
        final Memory memory;
        final ByteBuffer view;
        final Decapsulated decapsulated = new Decapsulated();

        UdpScratch(int capacity) {
            this.capacity = capacity;
            this.memory = new Memory(capacity);
            this.view = memory.getByteBuffer(0, capacity).order(java.nio.ByteOrder.BIG_ENDIAN);
        }
    }
}
