package net.homeagent.dataplane.userspace;

/**
 * @param tunName           the TUN device's name
 * @param mtu               its MTU: inner datagrams at most this long, so that the outer ones
 *                          (at most 32 octets more) fit the path's 1500
 * @param batch             datagrams moved per system call
 * @param socketBufferBytes send / receive buffer of the raw sockets
 * @param udpLocalPort      the port RFC 3519 Tunnel Data leaves from (the registration port)
 */
public record UserSpaceSettings(String tunName, int mtu, int batch, int socketBufferBytes, int udpLocalPort) {

    /** Room for a datagram of the MTU; larger ones are truncated by read(2) and dropped as malformed. */
    int slotSize() {
        return Math.max(2048, mtu + 64);
    }
}
