package net.homeagent.mip6.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;

/**
 * The system calls of a raw ICMPv6 socket, through JNA (the JDK has no raw sockets): what the home
 * agent needs to multicast Neighbor Advertisements on the home link. Constants of Linux's
 * {@code <netinet/in.h>} and RFC 3542.
 */
public interface Icmp6LibC extends Library {

    int AF_INET6 = 10;
    int SOCK_RAW = 3;
    int IPPROTO_IPV6 = 41;
    int IPPROTO_ICMPV6 = 58;
    int IPV6_MULTICAST_IF = 17;
    int IPV6_MULTICAST_HOPS = 18;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int setsockopt(int fd, int level, int name, int[] value, int length) throws LastErrorException;

    NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
