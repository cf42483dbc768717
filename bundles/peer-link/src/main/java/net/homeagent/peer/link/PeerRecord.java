package net.homeagent.peer.link;

import java.nio.ByteBuffer;

/** One record of a datagram: a role's message or an acknowledgement (docs/protocols.md, "Peer link"). */
sealed interface PeerRecord permits PeerRecord.Data, PeerRecord.Ack {

    /** The record's bytes as they go into a datagram: record header and body. */
    byte[] encode();

    /** A role's payload for {@code service}; {@code messageSequence} identifies it for acks and duplicates. */
    record Data(boolean ackRequested, int service, long messageSequence, byte[] payload) implements PeerRecord {
        @Override
        public byte[] encode() {
            int bodyLength = PeerWire.DATA_FIXED_LENGTH + payload.length;
            return ByteBuffer.allocate(PeerWire.RECORD_HEADER_LENGTH + bodyLength)
                    .put((byte) PeerWire.TYPE_DATA)
                    .put((byte) (ackRequested ? PeerWire.FLAG_ACK_REQUESTED : 0))
                    .putShort((short) bodyLength)
                    .putShort((short) service)
                    .putLong(messageSequence)
                    .put(payload)
                    .array();
        }
    }

    /** Acknowledges message {@code messageSequence} that the receiver of this ack sent in its epoch {@code epoch}. */
    record Ack(long epoch, long messageSequence) implements PeerRecord {
        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(PeerWire.ACK_RECORD_LENGTH)
                    .put((byte) PeerWire.TYPE_ACK)
                    .put((byte) 0)
                    .putShort((short) PeerWire.ACK_BODY_LENGTH)
                    .putLong(epoch)
                    .putLong(messageSequence)
                    .array();
        }
    }
}
