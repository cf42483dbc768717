package net.homeagent.peer.link;

import java.nio.ByteBuffer;

/** The fixed 32-byte header of a peer link datagram (docs/protocols.md, "Peer link"). */
record DatagramHeader(int version, int groupId, int senderNode, long senderEpoch, long sequence, int keyId,
        int recordCount) {

    void writeTo(ByteBuffer out) {
        out.putShort((short) PeerWire.MAGIC)
                .put((byte) version)
                .put((byte) 0)
                .putInt(groupId)
                .putInt(senderNode)
                .putLong(senderEpoch)
                .putLong(sequence)
                .putShort((short) keyId)
                .putShort((short) recordCount);
    }

    /** Reads the header at the start of {@code in}, which holds at least {@link PeerWire#HEADER_LENGTH} bytes. */
    static DatagramHeader readFrom(ByteBuffer in) {
        in.getShort(); // magic, checked by the decoder before
        int version = Byte.toUnsignedInt(in.get());
        in.get(); // flags: none defined in version 1, ignored so that later ones stay compatible
        return new DatagramHeader(version, in.getInt(), in.getInt(), in.getLong(), in.getLong(),
                Short.toUnsignedInt(in.getShort()), Short.toUnsignedInt(in.getShort()));
    }
}
