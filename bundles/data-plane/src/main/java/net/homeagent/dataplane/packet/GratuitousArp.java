package net.homeagent.dataplane.packet;

/**
 * The gratuitous ARP of RFC 5944 §4.6 that tells the home link a home address is now at the home
 * agent's link-layer address: an ARP Request (RFC 826) whose Sender and Target Protocol Address
 * are both the home address and whose Sender Hardware Address is the home agent's interface.
 */
public final class GratuitousArp {

    public static final int LENGTH = 28;
    static final int OPERATION_REQUEST = 1;

    private GratuitousArp() {
    }

    /** The ARP payload (the Ethernet header is the packet socket's). */
    public static byte[] request(int homeAddress, byte[] homeAgentMac) {
        if (homeAgentMac.length != 6) {
            throw new IllegalArgumentException("an Ethernet address has 6 octets, not " + homeAgentMac.length);
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(LENGTH);
        b.putShort((short) 1);                  // hardware type Ethernet
        b.putShort((short) 0x0800);             // protocol type IPv4
        b.put((byte) 6).put((byte) 4);
        b.putShort((short) OPERATION_REQUEST);
        b.put(homeAgentMac).putInt(homeAddress);
        b.put(new byte[6]);                     // target hardware address: unused in a request (RFC 5944 §4.6)
        b.putInt(homeAddress);
        return b.array();
    }
}
