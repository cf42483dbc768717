package net.homeagent.dataplane.linux;

import java.io.Closeable;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

/**
 * An AF_PACKET datagram socket for ARP (packet(7)): the kernel adds the Ethernet header, we give
 * the ARP payload and the broadcast destination. Sends the gratuitous ARPs of RFC 5944 §4.6.
 * Needs CAP_NET_RAW.
 */
public final class PacketSocket implements Closeable {

    static final int SOCKADDR_LL = 20;
    static final int ETH_P_ARP = 0x0806;

    private final LibC libc;
    private final int fd;
    private final Memory address = new Memory(SOCKADDR_LL);

    public PacketSocket(LibC libc, int interfaceIndex) {
        this.libc = libc;
        this.fd = libc.socket(LibC.AF_PACKET, LibC.SOCK_DGRAM, Short.toUnsignedInt(htons(ETH_P_ARP)));
        address.clear();
        address.setShort(0, (short) LibC.AF_PACKET);
        address.setShort(2, htons(ETH_P_ARP));
        address.setInt(4, interfaceIndex);
        address.setByte(11, (byte) 6);
        for (int i = 0; i < 6; i++) {
            address.setByte(12 + i, (byte) 0xff);
        }
    }

    /** Broadcasts one ARP payload on the interface; false when the kernel refused it (logged by the caller). */
    public boolean broadcast(byte[] arp) {
        Memory payload = new Memory(arp.length);
        payload.write(0, arp, 0, arp.length);
        try {
            libc.sendto(fd, payload, new NativeLong(arp.length), 0, address, SOCKADDR_LL);
            return true;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** Host to network order of a 16-bit value, as little-endian hosts store it. */
    private static short htons(int value) {
        return java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN ? (short) value
                : Short.reverseBytes((short) value);
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
