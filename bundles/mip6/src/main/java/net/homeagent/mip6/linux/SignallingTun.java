package net.homeagent.mip6.linux;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import net.homeagent.mip6.PacketSink;

/**
 * The TUN device the home agent's IPv6 service address is routed into (Linux
 * Documentation/networking/tuntap.rst, IFF_TUN | IFF_NO_PI): every packet for the address is read
 * here whole, the Home Address option included, which this kernel (CONFIG_IPV6_MIP6 off) would
 * drop if the address were its own; a packet written here enters the kernel as if received on the
 * device and is forwarded to its destination. Blocking reads behind {@code poll} with a timeout,
 * so the reading thread can stop. Not persistent: the device and its route go with the process.
 */
public final class SignallingTun implements PacketSink, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SignallingTun.class);

    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    static final int IFNAMSIZ = 16;

    private final TunLibC libc;
    private final int fd;
    private final String name;
    private final Memory pollFd = new Memory(8);

    private SignallingTun(TunLibC libc, int fd, String name) {
        this.libc = libc;
        this.fd = fd;
        this.name = name;
    }

    /** Opens (creating) the TUN device {@code name}; needs CAP_NET_ADMIN. */
    public static SignallingTun open(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("a device name has 1 to 15 characters: '" + name + "'");
        }
        TunLibC libc = Native.load("c", TunLibC.class);
        int fd = libc.open("/dev/net/tun", TunLibC.O_RDWR);
        try {
            Memory ifreq = new Memory(40);
            ifreq.clear();
            ifreq.write(0, bytes, 0, bytes.length);
            ifreq.setShort(IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            libc.ioctl(fd, new NativeLong(TUNSETIFF), ifreq);
            return new SignallingTun(libc, fd, ifreq.getString(0, "US-ASCII"));
        } catch (LastErrorException e) {
            libc.close(fd);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /**
     * Waits at most {@code timeoutMillis} for a packet and reads it.
     *
     * @return its length, or 0 when none came in time
     */
    public int read(byte[] buffer, int timeoutMillis) {
        pollFd.setInt(0, fd);
        pollFd.setShort(4, TunLibC.POLLIN);
        pollFd.setShort(6, (short) 0);
        try {
            if (libc.poll(pollFd, new NativeLong(1), timeoutMillis) <= 0) {
                return 0;
            }
            return (int) libc.read(fd, buffer, new NativeLong(buffer.length)).longValue();
        } catch (LastErrorException e) {
            if (e.getErrorCode() == TunLibC.EINTR) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * Writes one whole IPv6 packet into the kernel (from the signalling thread and the recovery's;
     * a TUN write is one whole packet, so they never interleave).
     */
    @Override
    public boolean send(ByteBuf packet) {
        byte[] octets = new byte[packet.readableBytes()];
        packet.getBytes(packet.readerIndex(), octets);
        try {
            libc.write(fd, octets, new NativeLong(octets.length));
            return true;
        } catch (LastErrorException e) {
            LOG.warn("MIPv6 signalling device {}: write of {} octets failed: {}", name, octets.length, e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
