package net.homeagent.dataplane.linux;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * A TUN device (Linux Documentation/networking/tuntap.rst): IPv4 datagrams routed to it are read
 * here, datagrams written here enter the host's IP stack as if received on it. Opened without
 * packet information (IFF_NO_PI) and non-blocking. Not persistent: when the process ends the
 * device goes, and with it every route through it, so a crash leaves no route behind.
 */
public final class TunDevice implements Closeable {

    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    static final int IFNAMSIZ = 16;

    private final LibC libc;
    private final int fd;
    private final String name;

    private TunDevice(LibC libc, int fd, String name) {
        this.libc = libc;
        this.fd = fd;
        this.name = name;
    }

    /** Opens (creating) the TUN device {@code name}; needs CAP_NET_ADMIN. */
    public static TunDevice open(LibC libc, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("a device name has 1 to 15 characters: '" + name + "'");
        }
        int fd = libc.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK);
        try {
            Memory ifreq = new Memory(40);
            ifreq.clear();
            ifreq.write(0, bytes, 0, bytes.length);
            ifreq.setShort(IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            libc.ioctl(fd, new NativeLong(TUNSETIFF), ifreq);
            return new TunDevice(libc, fd, ifreq.getString(0, "US-ASCII"));
        } catch (LastErrorException e) {
            libc.close(fd);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    int fd() {
        return fd;
    }

    /** Reads one datagram; returns its length, or -1 when none is waiting. */
    public int read(Pointer buffer, int capacity) {
        try {
            return (int) HotCalls.read(fd, buffer, capacity);
        } catch (LastErrorException e) {
            if (Native.isWouldBlock(e)) {
                return -1;
            }
            throw e;
        }
    }

    /** Writes one datagram into the host's stack; false when the device's queue is full. */
    public boolean write(Pointer buffer, int length) {
        try {
            HotCalls.write(fd, buffer, length);
            return true;
        } catch (LastErrorException e) {
            if (Native.isWouldBlock(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
