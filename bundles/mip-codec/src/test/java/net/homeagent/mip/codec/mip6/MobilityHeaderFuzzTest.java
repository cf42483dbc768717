package net.homeagent.mip.codec.mip6;

import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CARE_OF;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.HOME_AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Jazzer over the Mobile IPv6 decoders. The first input octet chooses: bit 0 set, the checksum of
 * the rest is made right first (over the pseudo-header of {@code CARE_OF -> HOME_AGENT}), so that
 * fuzzing reaches the MH Type, length and option checks behind it; the rest is a Mobility Header,
 * and also a Destination Options header and a routing header for their decoders.
 *
 * <p>Each decoder returns a value or throws {@link MalformedMobilityHeaderException}, never
 * anything else; a Parameter Problem points at a field inside the header. A decoded Mobility
 * Header encodes to as many octets and decodes back to an equal message (reserved bits and PadN
 * data come back as zeros); a decoded Destination Options header encodes back to 24 octets (8
 * without a Home Address option), a type 2 routing header to 24, that decode to an equal value. Seeds: the scapy vectors (tools/interop/mip6_vectors.py
 * writes them to {@code MobilityHeaderFuzzTestInputs/decode}); a plain test run replays them and
 * every finding; {@code JAZZER_FUZZ=1} fuzzes (tools/fuzz/run-fuzz.sh, docs/fuzzing.md).
 */
class MobilityHeaderFuzzTest {
    private final MobilityHeaderCodec codec = new MobilityHeaderCodec();
    private final DestinationOptionsCodec destinationOptions = new DestinationOptionsCodec();
    private final Type2RoutingHeaderCodec routing = new Type2RoutingHeaderCodec();

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        byte[] mh = Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 1) != 0 && mh.length >= 6) {
            mh[4] = 0;
            mh[5] = 0;
            int checksum = Mip6Fixtures.referenceChecksum(CARE_OF, HOME_AGENT, mh);
            mh[4] = (byte) (checksum >>> 8);
            mh[5] = (byte) checksum;
        }
        checkMobilityHeader(mh);
        checkDestinationOptions(mh);
        checkRoutingHeader(mh);
    }

    private void checkMobilityHeader(byte[] mh) throws Exception {
        MobilityMessage message;
        try {
            message = codec.decode(Unpooled.wrappedBuffer(mh), CARE_OF, HOME_AGENT);
        } catch (MalformedMobilityHeaderException e) {
            assertPointerInside(e, mh.length);
            return;
        }
        ByteBuf out = Unpooled.buffer();
        codec.encode(message, CARE_OF, HOME_AGENT, out);
        byte[] encoded = ByteBufUtil.getBytes(out);
        assertThat(encoded).hasSameSizeAs(mh);
        assertThat(codec.decode(Unpooled.wrappedBuffer(encoded), CARE_OF, HOME_AGENT)).isEqualTo(message);
    }

    private void checkDestinationOptions(byte[] header) throws Exception {
        DestinationOptionsHeader option;
        try {
            option = destinationOptions.decode(Unpooled.wrappedBuffer(header));
        } catch (MalformedMobilityHeaderException e) {
            assertPointerInside(e, header.length);
            return;
        }
        ByteBuf out = Unpooled.buffer();
        destinationOptions.encode(option, out);
        assertThat(out.readableBytes()).isEqualTo(option.homeAddress().isPresent() ? 24 : 8);
        assertThat(destinationOptions.decode(out)).isEqualTo(option);
    }

    private void checkRoutingHeader(byte[] header) throws Exception {
        Type2RoutingHeader decoded;
        try {
            decoded = routing.decode(Unpooled.wrappedBuffer(header));
        } catch (MalformedMobilityHeaderException e) {
            assertPointerInside(e, header.length);
            return;
        }
        ByteBuf out = Unpooled.buffer();
        routing.encode(decoded, out);
        assertThat(out.readableBytes()).isEqualTo(24);
        assertThat(routing.decode(out)).isEqualTo(decoded);
    }

    private static void assertPointerInside(MalformedMobilityHeaderException e, int length) {
        if (e.answer() == MalformedMobilityHeaderException.Answer.DISCARD) {
            assertThat(e.pointer()).isEqualTo(-1);
        } else {
            assertThat(e.pointer()).as(e.getMessage()).isBetween(0, length - 1);
        }
    }
}
