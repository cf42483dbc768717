package net.homeagent.peer.link;

/**
 * The numbers of the peer link's wire format, version 1 (docs/protocols.md, "Peer link"). All
 * fields big-endian.
 *
 * <pre>
 * datagram = header (32 bytes) | records | HMAC-SHA-256 (32 bytes) over header and records
 * header   = magic 0x4850 ("HP") (2) | version (1) | flags, 0 (1) | group id (4) | sender node id (4)
 *          | sender epoch (8) | datagram sequence (8) | key id (2) | record count (2)
 * record   = type (1) | flags (1) | body length (2) | body
 * data     = service (2) | message sequence (8) | payload        type 1, flag 0x01 = acknowledge me
 * ack      = acknowledged epoch (8) | message sequence (8)         type 2
 * </pre>
 */
final class PeerWire {

    static final int MAGIC = 0x4850;
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 32;
    static final int HMAC_LENGTH = PeerKeys.HMAC_LENGTH;
    static final int RECORD_HEADER_LENGTH = 4;
    static final int DATA_FIXED_LENGTH = 10;
    static final int ACK_BODY_LENGTH = 16;
    static final int TYPE_DATA = 1;
    static final int TYPE_ACK = 2;
    static final int FLAG_ACK_REQUESTED = 0x01;
    /** A datagram's overhead around its records. */
    static final int DATAGRAM_OVERHEAD = HEADER_LENGTH + HMAC_LENGTH;
    static final int ACK_RECORD_LENGTH = RECORD_HEADER_LENGTH + ACK_BODY_LENGTH;

    private PeerWire() {
    }

    /** The largest payload one data record can carry in a datagram of {@code mtu} bytes. */
    static int maxPayload(int mtu) {
        return Math.min(mtu - DATAGRAM_OVERHEAD - RECORD_HEADER_LENGTH - DATA_FIXED_LENGTH,
                0xFFFF - DATA_FIXED_LENGTH);
    }
}
