package net.homeagent.peer.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Decoding details the engine tests do not reach; the drop reasons are in DroppedDatagramsTest. */
class DatagramCodecTest {

    private static DatagramCodec.Decoded signedWith(byte[] record) {
        byte[] datagram = DatagramCodec.encode(new DatagramHeader(PeerWire.VERSION, LinkFixture.GROUP, 9, 1, 1, 1, 1),
                List.of(record), LinkFixture.KEYS_1.mac(1).orElseThrow());
        return DatagramCodec.decode(datagram, LinkFixture.GROUP, LinkFixture.KEYS_1::mac);
    }

    @Test
    void undefinedRecordFlagBitsAreIgnored() {
        byte[] data = new PeerRecord.Data(false, 1, 5, new byte[] {1, 2}).encode();
        data[1] = 0x5a; // found by DatagramCodecFuzzTest (crash-f71e1a69...): bits that version 1 does not define
        byte[] ack = new PeerRecord.Ack(3, 4).encode();
        ack[1] = (byte) 0xff;

        assertThat(signedWith(data).records()).singleElement().isInstanceOfSatisfying(PeerRecord.Data.class,
                record -> assertThat(record.ackRequested()).isFalse());
        data[1] = 0x5b;
        assertThat(signedWith(data).records()).singleElement().isInstanceOfSatisfying(PeerRecord.Data.class,
                record -> assertThat(record.ackRequested()).isTrue());
        assertThat(signedWith(ack).records()).containsExactly(new PeerRecord.Ack(3, 4));
    }

    @Test
    void aRecordCountBeyondTheRecordsIsMalformed() {
        byte[] record = new PeerRecord.Ack(3, 4).encode();
        byte[] datagram = DatagramCodec.encode(new DatagramHeader(PeerWire.VERSION, LinkFixture.GROUP, 9, 1, 1, 1, 2),
                List.of(record), LinkFixture.KEYS_1.mac(1).orElseThrow());

        DatagramCodec.Decoded decoded = DatagramCodec.decode(datagram, LinkFixture.GROUP, LinkFixture.KEYS_1::mac);

        assertThat(decoded.drop()).isEqualTo(DropReason.MALFORMED);
        assertThat(decoded.detail()).isEqualTo("record 1 of 2 missing");
    }
}
