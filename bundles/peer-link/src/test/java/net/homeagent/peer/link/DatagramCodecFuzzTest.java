package net.homeagent.peer.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over the peer link's datagram decoder. The input is taken twice: as a whole datagram
 * (almost always stopped by the magic, the group or the HMAC, as a peer without the key is), and as
 * what follows a valid header, signed with the key, so that the fuzzer reaches the record parser
 * the way an authenticated but buggy peer would. Either way decoding never throws and never accepts
 * an unauthenticated datagram; an accepted one holds exactly the records it was made of (they
 * encode back to the same bytes, but for record flag bits version 1 does not define, which a
 * receiver ignores and a sender leaves 0). Inputs: {@code DatagramCodecFuzzTestInputs/decode}, the first two
 * bytes of a seed being the record count.
 */
class DatagramCodecFuzzTest {

    private static final int GROUP = 7;
    private static final PeerKeys KEYS = new PeerKeys(Map.of(1, new byte[32]), 1);

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        DatagramCodec.Decoded raw = DatagramCodec.decode(input, GROUP, KEYS::mac);
        if (raw.accepted()) {
            // the converse does not hold: Jazzer learns the HMAC from this very comparison, and
            // signs datagrams that still fail the header checks (crash-eec05ced...)
            assertThat(isSigned(input)).as("accepted without the key's HMAC").isTrue();
        }

        int count = input.length >= 2 ? Short.toUnsignedInt(ByteBuffer.wrap(input).getShort()) : 0;
        byte[] records = input.length >= 2 ? Arrays.copyOfRange(input, 2, input.length) : new byte[0];
        byte[] signed = DatagramCodec.encode(new DatagramHeader(PeerWire.VERSION, GROUP, 9, 1, 1, 1, count),
                List.of(records), KEYS.mac(1).orElseThrow());
        DatagramCodec.Decoded decoded = DatagramCodec.decode(signed, GROUP, KEYS::mac);
        if (decoded.accepted()) {
            assertThat(decoded.records()).hasSize(count);
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            decoded.records().forEach(record -> again.writeBytes(record.encode()));
            assertThat(again.toByteArray()).isEqualTo(withUndefinedFlagsCleared(records));
        } else {
            assertThat(decoded.drop()).isEqualTo(DropReason.MALFORMED);
            assertThat(decoded.detail()).isNotBlank();
        }
    }

    /** {@code records} (well formed) with each record's flag bits but data's ack-requested cleared. */
    private static byte[] withUndefinedFlagsCleared(byte[] records) {
        byte[] cleared = records.clone();
        ByteBuffer in = ByteBuffer.wrap(records);
        while (in.hasRemaining()) {
            int start = in.position();
            int type = in.get();
            int flags = in.get();
            cleared[start + 1] = (byte) (type == PeerWire.TYPE_DATA ? flags & PeerWire.FLAG_ACK_REQUESTED : 0);
            in.position(in.position() + 2 + Short.toUnsignedInt(in.getShort(start + 2)));
        }
        return cleared;
    }

    /** Whether {@code datagram} is long enough and carries the HMAC of its bytes under key 1. */
    private static boolean isSigned(byte[] datagram) {
        if (datagram.length < PeerWire.DATAGRAM_OVERHEAD) {
            return false;
        }
        int covered = datagram.length - PeerWire.HMAC_LENGTH;
        Mac mac = KEYS.mac(1).orElseThrow();
        mac.update(datagram, 0, covered);
        return Arrays.equals(mac.doFinal(), Arrays.copyOfRange(datagram, covered, datagram.length));
    }
}
