package net.homeagent.peer.link;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import javax.crypto.Mac;

/**
 * Builds and checks whole peer link datagrams: header, records, HMAC-SHA-256 trailer over
 * everything before it (docs/protocols.md, "Peer link"). Decoding never throws: a datagram that is
 * not of our version and group, or not authentic, or not well formed, comes back as a drop reason.
 */
final class DatagramCodec {

    private DatagramCodec() {
    }

    /** What decoding one datagram gave: the header and records, or why it is dropped. */
    record Decoded(DatagramHeader header, List<PeerRecord> records, DropReason drop, String detail) {

        static Decoded dropped(DropReason reason, String detail) {
            return new Decoded(null, List.of(), reason, detail);
        }

        boolean accepted() {
            return drop == null;
        }
    }

    /** The datagram of {@code records} (each from {@link PeerRecord#encode}) signed with {@code mac}. */
    static byte[] encode(DatagramHeader header, List<byte[]> records, Mac mac) {
        int length = PeerWire.DATAGRAM_OVERHEAD + records.stream().mapToInt(r -> r.length).sum();
        ByteBuffer out = ByteBuffer.allocate(length);
        header.writeTo(out);
        records.forEach(out::put);
        mac.update(out.array(), 0, out.position());
        byte[] hmac = mac.doFinal();
        out.put(hmac);
        return out.array();
    }

    /**
     * Checks in this order: size and magic, version, group (a datagram of another group is
     * reported as such even when its key is not ours: that is the operator's likelier mistake),
     * key id, HMAC, then the records. The replay window is the caller's: it needs the sender's state.
     *
     * @param macs the Mac of a key id, empty when the key is unknown
     */
    static Decoded decode(byte[] datagram, int ownGroup, IntFunction<Optional<Mac>> macs) {
        if (datagram.length < PeerWire.DATAGRAM_OVERHEAD) {
            return Decoded.dropped(DropReason.MALFORMED, datagram.length + " bytes, shorter than header and HMAC");
        }
        ByteBuffer in = ByteBuffer.wrap(datagram);
        if (Short.toUnsignedInt(in.getShort(0)) != PeerWire.MAGIC) {
            return Decoded.dropped(DropReason.MALFORMED, "not a peer link datagram (magic)");
        }
        DatagramHeader header = DatagramHeader.readFrom(in);
        if (header.version() != PeerWire.VERSION) {
            return Decoded.dropped(DropReason.MALFORMED, "unknown version " + header.version());
        }
        if (header.groupId() != ownGroup) {
            return Decoded.dropped(DropReason.FOREIGN_GROUP, "group " + header.groupId() + " from node "
                    + Integer.toUnsignedString(header.senderNode()));
        }
        Optional<Mac> mac = macs.apply(header.keyId());
        if (mac.isEmpty()) {
            return Decoded.dropped(DropReason.UNKNOWN_KEY, "key id " + header.keyId() + " from node "
                    + Integer.toUnsignedString(header.senderNode()));
        }
        int covered = datagram.length - PeerWire.HMAC_LENGTH;
        mac.get().update(datagram, 0, covered);
        byte[] expected = mac.get().doFinal();
        byte[] received = new byte[PeerWire.HMAC_LENGTH];
        System.arraycopy(datagram, covered, received, 0, PeerWire.HMAC_LENGTH);
        if (!MessageDigest.isEqual(expected, received)) {
            return Decoded.dropped(DropReason.BAD_HMAC, "key id " + header.keyId() + " claimed by node "
                    + Integer.toUnsignedString(header.senderNode()));
        }
        return readRecords(header, in.limit(covered));
    }

    private static Decoded readRecords(DatagramHeader header, ByteBuffer in) {
        List<PeerRecord> records = new ArrayList<>(header.recordCount());
        for (int i = 0; i < header.recordCount(); i++) {
            if (in.remaining() < PeerWire.RECORD_HEADER_LENGTH) {
                return Decoded.dropped(DropReason.MALFORMED, "record " + i + " of " + header.recordCount() + " missing");
            }
            int type = Byte.toUnsignedInt(in.get());
            int flags = Byte.toUnsignedInt(in.get());
            int length = Short.toUnsignedInt(in.getShort());
            if (length > in.remaining()) {
                return Decoded.dropped(DropReason.MALFORMED, "record " + i + " body of " + length + " bytes, "
                        + in.remaining() + " left");
            }
            ByteBuffer body = in.slice(in.position(), length);
            in.position(in.position() + length);
            if (type == PeerWire.TYPE_DATA && length >= PeerWire.DATA_FIXED_LENGTH) {
                int service = Short.toUnsignedInt(body.getShort());
                long messageSequence = body.getLong();
                byte[] payload = new byte[body.remaining()];
                body.get(payload);
                records.add(new PeerRecord.Data((flags & PeerWire.FLAG_ACK_REQUESTED) != 0, service, messageSequence,
                        payload));
            } else if (type == PeerWire.TYPE_ACK && length == PeerWire.ACK_BODY_LENGTH) {
                records.add(new PeerRecord.Ack(body.getLong(), body.getLong()));
            } else {
                return Decoded.dropped(DropReason.MALFORMED, "record " + i + " of type " + type + " and length " + length);
            }
        }
        if (in.hasRemaining()) {
            return Decoded.dropped(DropReason.MALFORMED, in.remaining() + " bytes after the last record");
        }
        return new Decoded(header, List.copyOf(records), null, null);
    }
}
