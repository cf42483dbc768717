package net.homeagent.dataplane.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/** {@code poll(2)} on a fixed set of descriptors: the forwarding loops sleep here, with a timeout so they can stop. */
public final class Poller {

    private final Memory fds;
    private final int count;

    public Poller(int... descriptors) {
        this.count = descriptors.length;
        this.fds = new Memory(8L * count);
        fds.clear();
        for (int i = 0; i < count; i++) {
            fds.setInt(8L * i, descriptors[i]);
            fds.setShort(8L * i + 4, LibC.POLLIN);
        }
    }

    public static Poller of(TunDevice tun) {
        return new Poller(tun.fd());
    }

    public static Poller of(RawSocket... sockets) {
        int[] fds = new int[sockets.length];
        for (int i = 0; i < sockets.length; i++) {
            fds[i] = sockets[i].fd();
        }
        return new Poller(fds);
    }

    /** Waits at most {@code timeoutMillis} for a datagram on any descriptor; false on timeout. */
    public boolean await(int timeoutMillis) {
        try {
            return HotCalls.poll(fds, count, timeoutMillis) > 0;
        } catch (LastErrorException e) {
            if (Native.isWouldBlock(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether descriptor {@code i} was readable at the last {@link #await}. */
    public boolean readable(int i) {
        return (fds.getShort(8L * i + 6) & LibC.POLLIN) != 0;
    }
}
