package net.homeagent.delegation.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import net.homeagent.delegation.wire.DelegationMessage.Batch;
import net.homeagent.delegation.wire.DelegationMessage.EntryPackets;
import net.homeagent.delegation.wire.DelegationMessage.Heartbeat;
import net.homeagent.delegation.wire.DelegationMessage.LoadReport;
import net.homeagent.delegation.wire.DelegationMessage.StartAck;
import net.homeagent.delegation.wire.DelegationMessage.StartForwarding;
import net.homeagent.delegation.wire.DelegationMessage.StopAck;
import net.homeagent.delegation.wire.DelegationMessage.StopForwarding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

class DelegationCodecTest {

    static Inet4Address ip(String text) {
        return Ipv4.parse(text).orElseThrow();
    }

    static final StartForwarding START = new StartForwarding(0x01020304L, ip("10.1.0.7"), ip("192.0.2.9"),
            ip("10.1.0.1"), Encapsulation.GRE, Encapsulation.IP_IN_IP, true, Optional.empty(), 1800);

    static final LoadReport REPORT = new LoadReport(5, 70_000, 3_600_000, true,
            List.of(new EntryPackets(ip("10.1.0.7"), 65_536), new EntryPackets(ip("10.1.0.8"), 0)));

    @Test
    void startForwardingHasTheDocumentedLayout() throws Exception {
        assertThat(HexFormat.of().formatHex(DelegationCodec.encode(START))).isEqualTo(
                "01" + "01" + "01020304" + "0a010007" + "c0000209" + "0a010001" + "02" + "00" + "01" + "00"
                        + "00000000" + "0000" + "00000708");
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        List<DelegationMessage> messages = List.of(START,
                new StartForwarding(0xFFFF_FFFFL, ip("10.1.0.8"), ip("198.51.100.1"), ip("10.1.0.1"), Encapsulation.UDP,
                        Encapsulation.MINIMAL, false, Optional.of(new InetSocketAddress(ip("203.0.113.5"), 4500)),
                        StartForwarding.NEVER),
                new StartAck(7, ip("10.1.0.7"), Result.ACCEPTED), new StartAck(8, ip("10.1.0.7"), Result.CAPACITY),
                new StartAck(9, ip("10.1.0.7"), Result.NO_ROUTE), new StartAck(10, ip("10.1.0.7"), Result.NOT_A_PHA),
                new StopForwarding(11, ip("10.1.0.7")), new StopAck(12, ip("10.1.0.7"), Result.ACCEPTED),
                new StopAck(13, ip("10.1.0.7"), Result.UNKNOWN_HOME), new Heartbeat(14, 500, 0),
                new LoadReport(15, 0, 0, false, List.of()), REPORT);
        for (DelegationMessage m : messages) {
            assertThat(DelegationCodec.decode(DelegationCodec.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void ackHeartbeatAndStopLayouts() {
        assertThat(HexFormat.of().formatHex(DelegationCodec.encode(new StartAck(2, ip("10.1.0.7"), Result.NO_ROUTE))))
                .isEqualTo("0102000000020a01000702");
        assertThat(HexFormat.of().formatHex(DelegationCodec.encode(new StopForwarding(3, ip("10.1.0.7")))))
                .isEqualTo("0103000000030a010007");
        assertThat(HexFormat.of().formatHex(DelegationCodec.encode(new StopAck(3, ip("10.1.0.7"), Result.UNKNOWN_HOME))))
                .isEqualTo("0104000000030a01000705");
        assertThat(HexFormat.of().formatHex(DelegationCodec.encode(new Heartbeat(9, 1000, 40000))))
                .isEqualTo("010500000009000003e800009c40");
    }

    @Test
    void loadReportHasTheDocumentedLayout() {
        assertThat(HexFormat.of().formatHex(DelegationCodec.encode(REPORT))).isEqualTo(
                "01" + "06" + "00000005" + "0000000000011170" + "000000000036ee80" + "01" + "00" + "0002"
                        + "0a010007" + "0000000000010000" + "0a010008" + "0000000000000000");
    }

    @Test
    void aLoadReportWhoseLengthOrFieldsDisagreeIsMalformed() throws Exception {
        byte[] report = DelegationCodec.encode(REPORT);
        for (int length = 6; length < report.length; length++) {
            assertThat(refused(java.util.Arrays.copyOf(report, length)).type()).hasValue(6);
        }
        assertThat(refused(java.util.Arrays.copyOf(report, report.length + 12)).getMessage())
                .isEqualTo("Load Report of 2 entries in 62 bytes, not 50");
        byte[] many = report.clone();
        many[24] = 0;
        many[25] = 101;
        assertThat(refused(many).getMessage()).isEqualTo("101 entries, a Load Report holds 100");
        byte[] zero = report.clone();
        zero[26] = 0;
        zero[27] = 0;
        zero[28] = 0;
        zero[29] = 0;
        assertThat(refused(zero).getMessage()).isEqualTo("entry's home address is 0.0.0.0");
        byte[] huge = report.clone();
        huge[6] = (byte) 0x80;
        assertThat(refused(huge).getMessage()).isEqualTo("total packets beyond 2^63-1");
        byte[] hugeEntry = report.clone();
        hugeEntry[30] = (byte) 0x80;
        assertThat(refused(hugeEntry).getMessage()).isEqualTo("packets of 10.1.0.7 beyond 2^63-1");
        byte[] flags = report.clone();
        flags[22] = (byte) 0xfe;
        flags[23] = (byte) 0xff;
        assertThat(DelegationCodec.decode(flags)).isEqualTo(new LoadReport(5, 70_000, 3_600_000, false,
                REPORT.entries()));
        byte[] lateUptime = report.clone();
        lateUptime[14] = (byte) 0x80;
        assertThat(refused(lateUptime).getMessage()).isEqualTo("uptime beyond 2^63-1 ms");
        assertThatThrownBy(() -> new LoadReport(1, 0, 0, false, java.util.Collections.nCopies(101,
                new EntryPackets(ip("10.1.0.7"), 1)))).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] start() {
        return DelegationCodec.encode(START);
    }

    private static MalformedDelegationMessage refused(byte[] payload) {
        try {
            DelegationCodec.decode(payload);
        } catch (MalformedDelegationMessage e) {
            return e;
        }
        throw new AssertionError("accepted " + HexFormat.of().formatHex(payload));
    }

    @Test
    void truncatedOrLongerOrAnotherVersionIsMalformed() {
        byte[] start = start();
        for (int length = 0; length < start.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(start, length);
            MalformedDelegationMessage e = refused(cut);
            assertThat(e.transaction().isPresent()).isEqualTo(length >= 6);
        }
        assertThat(refused(java.util.Arrays.copyOf(start, start.length + 1)).getMessage()).contains("33 bytes");
        start[0] = 2;
        assertThat(refused(start).getMessage()).isEqualTo("version 2");
        assertThat(refused(start).type()).isEmpty();
    }

    @Test
    void badFieldsOfAStartAreMalformedWithTheHeaderKept() {
        assertThat(field(6, 0, 0, 0, 0).getMessage()).isEqualTo("home address is 0.0.0.0");
        assertThat(field(10, 0, 0, 0, 0).getMessage()).isEqualTo("care-of address is 0.0.0.0");
        assertThat(field(14, 0, 0, 0, 0).getMessage()).isEqualTo("tunnel source is 0.0.0.0");
        assertThat(field(18, 4).getMessage()).isEqualTo("encapsulation 4");
        assertThat(field(19, 2).getMessage()).contains("cannot carry GRE");
        assertThat(field(18, 3).getMessage()).contains("without the mobile's NAT address");
        assertThat(field(26, 0, 1).getMessage()).contains("a NAT address and port for a GRE tunnel");
        assertThat(field(28, 0, 0, 0, 0).getMessage()).isEqualTo("duration 0");
        MalformedDelegationMessage e = field(28, 0, 0, 0, 0);
        assertThat(e.type()).hasValue(1);
        assertThat(e.transaction()).hasValue(0x01020304L);
        assertThat(e.home()).contains(ip("10.1.0.7"));
    }

    private static MalformedDelegationMessage field(int offset, int... bytes) {
        byte[] start = start();
        for (int i = 0; i < bytes.length; i++) {
            start[offset + i] = (byte) bytes[i];
        }
        return refused(start);
    }

    @Test
    void unknownTypesAndResultsAreMalformed() {
        assertThat(refused(new byte[] {1, 9, 0, 0, 0, 1}).getMessage()).isEqualTo("unknown type 9");
        byte[] ack = DelegationCodec.encode(new StartAck(2, ip("10.1.0.7"), Result.ACCEPTED));
        ack[10] = 5;
        assertThat(refused(ack).getMessage()).isEqualTo("result 5 in a Start Forwarding Ack");
        ack[10] = 6;
        assertThat(refused(ack).getMessage()).isEqualTo("result 6");
        byte[] stopAck = DelegationCodec.encode(new StopAck(2, ip("10.1.0.7"), Result.ACCEPTED));
        stopAck[10] = 1;
        assertThat(refused(stopAck).getMessage()).isEqualTo("result 1 in a Stop Forwarding Ack");
    }

    @Test
    void theReservedOctetAndUndefinedFlagsAreIgnored() throws Exception {
        byte[] start = start();
        start[20] = (byte) 0xff;
        start[21] = (byte) 0xff;
        assertThat(DelegationCodec.decode(start)).isEqualTo(START);
    }

    @Test
    void messagesCannotBeBuiltOutOfRange() {
        assertThatThrownBy(() -> new StartAck(1, ip("10.1.0.7"), Result.UNKNOWN_HOME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StopAck(1, ip("10.1.0.7"), Result.CAPACITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Heartbeat(1L << 32, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StartForwarding(1, ip("10.1.0.7"), ip("192.0.2.9"), ip("10.1.0.1"),
                Encapsulation.IP_IN_IP, Encapsulation.IP_IN_IP, false, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Random payloads: each is either one whole message that encodes back to itself, or refused. */
    @Test
    void randomPayloadsDecodeToThemselvesOrAreRefused() {
        Random random = new Random(13);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] payload;
            if (i % 2 == 0) {
                payload = start();
                payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
            } else {
                payload = new byte[random.nextInt(40)];
                random.nextBytes(payload);
                if (payload.length > 1) {
                    payload[0] = 1;
                    payload[1] = (byte) (1 + random.nextInt(5));
                }
            }
            try {
                DelegationMessage m = DelegationCodec.decode(payload);
                byte[] again = DelegationCodec.encode(m);
                if (m instanceof StartForwarding) {
                    // the reserved octet and undefined flag bits are not kept
                    again[20] = payload[20];
                    again[21] = payload[21];
                }
                assertThat(again).isEqualTo(payload);
                decoded++;
            } catch (MalformedDelegationMessage e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        assertThat(decoded).isGreaterThan(1000);
    }

    // ---- Batch (type 7) ----

    static final Batch BATCH = Batch.of(0x21, List.of(new StopForwarding(3, ip("10.1.0.7")),
            new StartAck(2, ip("10.1.0.8"), Result.CAPACITY)));

    @Test
    void aBatchHasTheDocumentedLayoutAndItsElementsDecodeAsAlone() throws Exception {
        assertThat(HexFormat.of().formatHex(DelegationCodec.encode(BATCH))).isEqualTo(
                "01" + "07" + "00000021" + "0002" + "0103000000030a010007" + "0102000000020a01000801");
        Batch decoded = (Batch) DelegationCodec.decode(DelegationCodec.encode(BATCH));
        assertThat(decoded.transaction()).isEqualTo(0x21);
        assertThat(decoded.elements()).hasSize(2);
        assertThat(DelegationCodec.decode(decoded.elements().get(0))).isEqualTo(new StopForwarding(3, ip("10.1.0.7")));
        assertThat(DelegationCodec.decode(decoded.elements().get(1)))
                .isEqualTo(new StartAck(2, ip("10.1.0.8"), Result.CAPACITY));
        Batch starts = Batch.of(7, java.util.Collections.nCopies(Batch.MAX_ELEMENTS, START));
        assertThat(DelegationCodec.encode(starts)).hasSize(8 + 64 * 32);
        assertThat(((Batch) DelegationCodec.decode(DelegationCodec.encode(starts))).elements()).hasSize(64)
                .allSatisfy(e -> assertThat(DelegationCodec.decode(e)).isEqualTo(START));
    }

    @Test
    void aBatchIsMalformedWhenItsFramingIsWrongButAnElementIsJudgedAlone() throws Exception {
        byte[] batch = DelegationCodec.encode(BATCH);
        assertThat(refused(java.util.Arrays.copyOf(batch, batch.length - 1)).getMessage())
                .isEqualTo("Batch cut short in element 2 of 2");
        assertThat(refused(java.util.Arrays.copyOf(batch, batch.length + 1)).getMessage())
                .isEqualTo("Batch with 1 bytes after its 2 elements");
        byte[] none = HexFormat.of().parseHex("0107000000210000");
        assertThat(refused(none).getMessage()).isEqualTo("Batch of 0 elements, not 1..64");
        byte[] tooMany = HexFormat.of().parseHex("0107000000210041");
        assertThat(refused(tooMany).getMessage()).isEqualTo("Batch of 65 elements, not 1..64");
        byte[] heartbeat = HexFormat.of().parseHex("01070000002100010105000000090000000100000000");
        assertThat(refused(heartbeat).getMessage())
                .isEqualTo("Batch element 5: only Starts, Stops and their acks are batched");
        assertThat(refused(HexFormat.of().parseHex("01070000002100")).getMessage())
                .isEqualTo("Batch of 7 bytes, shorter than 8");
        // a Start with a duration of 0 is framed right: the batch decodes, the element alone is refused
        byte[] badStart = start();
        badStart[31] = 0;
        badStart[30] = 0;
        badStart[29] = 0;
        badStart[28] = 0;
        Batch carrying = (Batch) DelegationCodec.decode(DelegationCodec.encode(new Batch(1, List.of(badStart))));
        assertThat(refused(carrying.elements().get(0)).getMessage()).isEqualTo("duration 0");
        assertThatThrownBy(() -> new Batch(1, List.of(DelegationCodec.encode(new Heartbeat(1, 1, 1)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Batch(1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
