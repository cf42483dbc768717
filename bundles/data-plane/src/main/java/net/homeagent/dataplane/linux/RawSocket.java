package net.homeagent.dataplane.linux;

import java.io.Closeable;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * An IPv4 raw socket (raw(7)). With protocol 255 (IPPROTO_RAW, implying IP_HDRINCL) it sends
 * datagrams whose whole IPv4 header we wrote, so the outer source can be any address (a secondary
 * home agent tunnels with the primary's, RFC 3519 Tunnel Data leaves from port 434); with
 * protocol 4, 47 or 55 it receives a copy of every such datagram addressed to this host, outer
 * header included. Needs CAP_NET_RAW.
 */
public final class RawSocket implements Closeable {

    private final LibC libc;
    private final int fd;

    private RawSocket(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    public static RawSocket open(LibC libc, int protocol, int bufferBytes) {
        int fd = libc.socket(LibC.AF_INET, LibC.SOCK_RAW | LibC.SOCK_NONBLOCK, protocol);
        try {
            Memory value = new Memory(4);
            value.setInt(0, bufferBytes);
            libc.setsockopt(fd, LibC.SOL_SOCKET, protocol == LibC.IPPROTO_RAW ? LibC.SO_SNDBUF : LibC.SO_RCVBUF,
                    value, 4);
            return new RawSocket(libc, fd);
        } catch (LastErrorException e) {
            libc.close(fd);
            throw e;
        }
    }

    int fd() {
        return fd;
    }

    /**
     * Sends slots 0 to {@code count - 1} of the batch with as few system calls as the kernel allows.
     *
     * @return how many were sent; fewer when the socket's buffer is full (the rest are dropped,
     *         as a router's full queue drops)
     */
    public int send(MessageBatch batch, int count) {
        int sent = 0;
        while (sent < count) {
            int n;
            try {
                n = HotCalls.sendmmsg(fd, batch.headers(sent), count - sent, LibC.MSG_DONTWAIT);
            } catch (LastErrorException e) {
                if (Native.isWouldBlock(e)) {
                    return sent;
                }
                // one datagram the kernel refuses (no route to its care-of address, EMSGSIZE):
                // skip it, send the rest
                sent++;
                continue;
            }
            sent += n;
        }
        return sent;
    }

    /** Receives up to a batch of datagrams without waiting; returns how many (0 when none). */
    public int receive(MessageBatch batch) {
        batch.prepareReceive();
        try {
            return HotCalls.recvmmsg(fd, batch.headers(0), batch.count(), LibC.MSG_DONTWAIT, null);
        } catch (LastErrorException e) {
            if (Native.isWouldBlock(e)) {
                return 0;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
