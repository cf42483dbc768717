package net.homeagent.mip6.linux;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * A raw ICMPv6 socket that sends to a link-scope multicast group out of one interface with hop
 * limit 255, as Neighbor Discovery requires of every message it accepts (RFC 4861 §7.1.2); the
 * kernel computes the ICMPv6 checksum (RFC 3542 §3.1) and picks the interface's link-local address
 * as source. Needs CAP_NET_RAW.
 */
public final class Icmp6Socket implements Closeable {

    /** RFC 4861 §6.1.2, §7.1.2: a Neighbor Discovery message arrives with hop limit 255 or not at all */
    static final int ND_HOP_LIMIT = 255;

    private final Icmp6LibC libc;
    private final int fd;
    private final int interfaceIndex;

    private Icmp6Socket(Icmp6LibC libc, int fd, int interfaceIndex) {
        this.libc = libc;
        this.fd = fd;
        this.interfaceIndex = interfaceIndex;
    }

    /** A socket whose multicast leaves by the interface of index {@code interfaceIndex}. */
    public static Icmp6Socket open(int interfaceIndex) throws IOException {
        Icmp6LibC libc = Native.load("c", Icmp6LibC.class);
        int fd;
        try {
            fd = libc.socket(Icmp6LibC.AF_INET6, Icmp6LibC.SOCK_RAW, Icmp6LibC.IPPROTO_ICMPV6);
        } catch (LastErrorException e) {
            throw new IOException("raw ICMPv6 socket: errno " + e.getErrorCode() + " (needs CAP_NET_RAW)", e);
        }
        try {
            libc.setsockopt(fd, Icmp6LibC.IPPROTO_IPV6, Icmp6LibC.IPV6_MULTICAST_IF, new int[] {interfaceIndex}, 4);
            libc.setsockopt(fd, Icmp6LibC.IPPROTO_IPV6, Icmp6LibC.IPV6_MULTICAST_HOPS, new int[] {ND_HOP_LIMIT}, 4);
            return new Icmp6Socket(libc, fd, interfaceIndex);
        } catch (LastErrorException e) {
            libc.close(fd);
            throw new IOException("raw ICMPv6 socket on interface " + interfaceIndex + ": errno " + e.getErrorCode(), e);
        }
    }

    /** Sends {@code message} (ICMPv6 header and body, checksum left 0) to {@code group}. */
    public void send(byte[] message, Inet6Address group) throws IOException {
        try {
            libc.sendto(fd, message, new NativeLong(message.length), 0, sockaddrIn6(group, interfaceIndex), 28);
        } catch (LastErrorException e) {
            throw new IOException("send to " + group.getHostAddress() + ": errno " + e.getErrorCode(), e);
        }
    }

    /** struct sockaddr_in6: family (host order), port, flow info, address, scope id (host order). */
    static byte[] sockaddrIn6(Inet6Address address, int scopeId) {
        byte[] sockaddr = new byte[28];
        sockaddr[0] = (byte) Icmp6LibC.AF_INET6; // x86 and arm64 are little-endian
        System.arraycopy(address.getAddress(), 0, sockaddr, 8, 16);
        sockaddr[24] = (byte) scopeId;
        sockaddr[25] = (byte) (scopeId >>> 8);
        sockaddr[26] = (byte) (scopeId >>> 16);
        sockaddr[27] = (byte) (scopeId >>> 24);
        return sockaddr;
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
