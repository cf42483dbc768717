package net.homeagent.mip.codec.mimm;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The vendor data of a Request Handoff CVSE, version 1: exactly {@value #LENGTH} octets
 * (docs/protocols.md, "MIMM handoff extensions").
 *
 * <pre>
 *  0        1        2                 4                 6        7        8                 10
 * +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+----...
 * |version |T|rsvd  | target network  | current network | signal | link   | RT sessions     | kbit/s (32)
 * +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+----...
 * </pre>
 */
public final class RequestHandoffCodec {

    public static final int LENGTH = 14;
    /** Flag T: the target is the network of the request's care-of address; the target id is 0. */
    static final int TARGET_BY_CARE_OF = 0x80;

    private RequestHandoffCodec() {
    }

    public static byte[] encode(RequestHandoff request) {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put((byte) MimmVendor.VERSION);
        out.put((byte) (request.targetNetwork().isPresent() ? 0 : TARGET_BY_CARE_OF));
        out.putShort((short) request.targetNetwork().orElse(0));
        out.putShort((short) request.currentNetwork());
        out.put((byte) request.signalDbm());
        out.put((byte) request.linkType().code());
        out.putShort((short) request.realTimeSessions());
        out.putInt((int) request.sessionKbps());
        return out.array();
    }

    public static Decoded<RequestHandoff> decode(byte[] data) {
        if (data.length != LENGTH) {
            return Decoded.malformed("Request Handoff length", data.length + " octets, version 1 has " + LENGTH);
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        int version = Byte.toUnsignedInt(in.get());
        if (version != MimmVendor.VERSION) {
            return Decoded.malformed("Request Handoff version", "version " + version);
        }
        boolean byCareOf = (in.get() & TARGET_BY_CARE_OF) != 0;
        int target = Short.toUnsignedInt(in.getShort());
        if (byCareOf != (target == 0)) {
            return Decoded.malformed("Request Handoff target", byCareOf
                    ? "target by care-of address with network id " + target
                    : "no target network id and no T flag");
        }
        int current = Short.toUnsignedInt(in.getShort());
        int signal = in.get();
        int linkCode = Byte.toUnsignedInt(in.get());
        Optional<LinkType> link = WireCode.of(LinkType.class, linkCode);
        if (link.isEmpty()) {
            return Decoded.malformed("Request Handoff link type", "link type " + linkCode);
        }
        int sessions = Short.toUnsignedInt(in.getShort());
        long kbps = Integer.toUnsignedLong(in.getInt());
        return new Decoded.Valid<>(new RequestHandoff(byCareOf ? OptionalInt.empty() : OptionalInt.of(target),
                current, signal, link.get(), sessions, kbps));
    }
}
