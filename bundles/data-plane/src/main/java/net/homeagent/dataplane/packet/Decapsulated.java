package net.homeagent.dataplane.packet;

/**
 * Where the inner datagram of a tunnelled one is, after {@link Decapsulator}: one mutable holder
 * per receiving thread, so that decapsulation allocates nothing per datagram.
 */
public final class Decapsulated {
    /** Offset and length of the inner IPv4 datagram in the buffer. */
    public int innerAt;
    public int innerLength;
    /** The outer source address: the care-of address (or the NAT) it came from. */
    public int outerSource;
    /** The GRE key, when {@link #hasKey} (RFC 2890 §2.1). */
    public int key;
    public boolean hasKey;
    /** Room for an IPv4 header (at most 60 octets) moved by minimal decapsulation. */
    final byte[] headerScratch = new byte[60];

    void clear() {
        innerAt = 0;
        innerLength = 0;
        outerSource = 0;
        key = 0;
        hasKey = false;
    }
}
