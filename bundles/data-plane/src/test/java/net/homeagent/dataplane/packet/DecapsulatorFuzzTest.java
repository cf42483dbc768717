package net.homeagent.dataplane.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over what reaches the reverse-tunnel receivers from the network (RFC 3024 §5.2): an IPv4
 * datagram of protocol 4, 47 or 55 as the raw socket hands it over, and, with the first octet as
 * its next header, the payload of an RFC 3519 Tunnel Data message. Whatever the bytes, the
 * decapsulator returns a reason to drop or an inner datagram that lies inside what was received
 * and is a sound IPv4 datagram (the forwarder writes it to the TUN device as it is). A plain test
 * run replays the inputs in {@code DecapsulatorFuzzTestInputs/decapsulate} (the seeds of
 * {@link TunnelledSeeds}, and every finding kept with its fix); {@code JAZZER_FUZZ=1} fuzzes
 * (tools/fuzz/run-fuzz.sh, docs/fuzzing.md).
 */
class DecapsulatorFuzzTest {

    private final Decapsulated into = new Decapsulated();

    @FuzzTest(maxDuration = "30s")
    void decapsulate(byte[] datagram) {
        ByteBuffer raw = ByteBuffer.wrap(datagram.clone());
        if (Decapsulator.fromRawSocket(raw, 0, datagram.length, into) == null) {
            assertSoundInner(raw, datagram.length);
        }
        if (datagram.length > 0) {
            ByteBuffer tunnelData = ByteBuffer.wrap(datagram.clone());
            int nextHeader = datagram[0] & 0xff;
            if (Decapsulator.fromTunnelData(tunnelData, 1, datagram.length - 1, nextHeader, Packets.CARE_OF, into) == null) {
                assertSoundInner(tunnelData, datagram.length);
            }
        }
    }

    private void assertSoundInner(ByteBuffer b, int received) {
        assertThat(into.innerAt).isNotNegative();
        assertThat(into.innerLength).isPositive();
        assertThat(into.innerAt + into.innerLength).isLessThanOrEqualTo(received);
        assertThat(Ipv4Header.problem(b, into.innerAt, into.innerLength)).isNull();
    }
}
