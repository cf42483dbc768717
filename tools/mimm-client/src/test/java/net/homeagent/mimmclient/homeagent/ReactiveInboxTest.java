package net.homeagent.mimmclient.homeagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.mimm.AlertReason;
import net.homeagent.mip.codec.mimm.Decoded;
import net.homeagent.mip.codec.mimm.ReactiveMessage;
import net.homeagent.mip.codec.mimm.ReactiveMessageCodec;
import net.homeagent.mip.codec.mimm.TimestampIdentifications;
import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;
import net.homeagent.mimmclient.manager.ReactiveAdvice;

class ReactiveInboxTest {

    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final Inet4Address HOME = ip("10.0.0.10");
    private static final Inet4Address HA = ip("127.0.0.1");

    private final MutableClock clock = MutableClock.at("2026-12-06T23:00:00Z");
    private final Counters counters = new Counters();
    private final List<String> taken = new ArrayList<>();
    private final ReactiveInbox inbox = new ReactiveInbox(List.of(new MobileNodeKey(HOME, HA, 300, KEY)), clock, 7,
            counters, new RateLimitedLog(System.getLogger("test"), clock), new ReactiveInbox.Sink() {
                @Override
                public void advised(Inet4Address home, ReactiveAdvice advice, boolean pulled) {
                    taken.add(home.getHostAddress() + " " + advice + (pulled ? " pulled" : ""));
                }

                @Override
                public void nothingToAdvise(Inet4Address home) {
                    taken.add(home.getHostAddress() + " nothing");
                }
            });

    /** What the advisor sends (the advisor encodes with the same codec and the mobile's association). */
    private static byte[] fromAdvisor(ReactiveMessage m, long spi, byte[] key) {
        return ReactiveMessageCodec.encode(m, spi, AuthenticationAlgorithm.HMAC_MD5, key);
    }

    private ReactiveMessage.Advice advice(long identification) {
        return new ReactiveMessage.Advice(HOME, identification, 1, AlertReason.CONGESTION, 120, OptionalInt.of(2), false);
    }

    @Test
    void anAuthenticNewAdviceIsTakenAndAckedWithTheSameIdentification() {
        long id = TimestampIdentifications.of(clock.instant());
        Optional<byte[]> ack = inbox.receive(fromAdvisor(advice(id), 300, KEY));
        assertThat(taken).containsExactly("10.0.0.10 " + new ReactiveAdvice(1, "CONGESTION", 120, OptionalInt.of(2)));
        ReactiveMessageCodec.Received r = ((Decoded.Valid<ReactiveMessageCodec.Received>) ReactiveMessageCodec
                .decode(ack.orElseThrow())).message();
        assertThat(r.message()).isEqualTo(new ReactiveMessage.Ack(HOME, id));
        assertThat(r.spi()).isEqualTo(300);
        assertThat(r.authentic(AuthenticationAlgorithm.HMAC_MD5, KEY)).isTrue();
    }

    @Test
    void aBadAuthenticatorAWrongSpiOrAStrangersAddressIsRefusedWithoutAck() {
        long id = TimestampIdentifications.of(clock.instant());
        byte[] otherKey = KEY.clone();
        otherKey[15] ^= 1;
        assertThat(inbox.receive(fromAdvisor(advice(id), 300, otherKey))).isEmpty();
        assertThat(inbox.receive(fromAdvisor(advice(id), 301, KEY))).isEmpty();
        assertThat(inbox.receive(fromAdvisor(new ReactiveMessage.Advice(ip("10.0.0.11"), id, 1, AlertReason.OTHER, 5,
                OptionalInt.empty(), false), 300, KEY))).isEmpty();
        assertThat(inbox.receive(new byte[3])).isEmpty();
        assertThat(taken).isEmpty();
        assertThat(counters.get("reactive-not-authentic")).isEqualTo(3);
        assertThat(counters.get("reactive-malformed")).isEqualTo(1);
    }

    @Test
    void aRetransmissionIsAckedAgainButTakenOnceAnOlderOrStaleOneIsAReplay() {
        long id = TimestampIdentifications.of(clock.instant());
        inbox.receive(fromAdvisor(advice(id), 300, KEY));
        assertThat(inbox.receive(fromAdvisor(advice(id), 300, KEY))).isPresent();
        assertThat(counters.get("reactive-duplicate")).isEqualTo(1);
        assertThat(inbox.receive(fromAdvisor(advice(id - 1), 300, KEY))).isEmpty();
        clock.advance(Duration.ofSeconds(8));
        assertThat(inbox.receive(fromAdvisor(advice(id + 1), 300, KEY))).isEmpty(); // 8 s behind our clock
        assertThat(counters.get("reactive-replay")).isEqualTo(2);
        assertThat(taken).hasSize(1);
        assertThat(inbox.receive(fromAdvisor(advice(TimestampIdentifications.of(clock.instant())), 300, KEY))).isPresent();
        assertThat(taken).hasSize(2);
    }

    @Test
    void onlyTheAnswerToAPullWeSentIsTakenAndNotAcked() {
        ReactiveMessage.Pull pull = (ReactiveMessage.Pull) ((Decoded.Valid<ReactiveMessageCodec.Received>) ReactiveMessageCodec
                .decode(inbox.pull(HOME))).message().message();
        ReactiveMessage.Advice answer = new ReactiveMessage.Advice(HOME, pull.identification(), 2, AlertReason.OUTAGE, -1,
                OptionalInt.empty(), true);
        assertThat(inbox.receive(fromAdvisor(new ReactiveMessage.Advice(HOME, pull.identification() + 1, 2,
                AlertReason.OUTAGE, -1, OptionalInt.empty(), true), 300, KEY))).isEmpty();
        assertThat(taken).isEmpty();
        assertThat(inbox.receive(fromAdvisor(answer, 300, KEY))).isEmpty();
        assertThat(taken).containsExactly("10.0.0.10 " + new ReactiveAdvice(2, "OUTAGE", -1, OptionalInt.empty()) + " pulled");
        assertThat(inbox.receive(fromAdvisor(answer, 300, KEY))).isEmpty(); // answered already
        long next = ((ReactiveMessage.Pull) ((Decoded.Valid<ReactiveMessageCodec.Received>) ReactiveMessageCodec
                .decode(inbox.pull(HOME))).message().message()).identification();
        inbox.receive(fromAdvisor(new ReactiveMessage.NothingToAdvise(HOME, next), 300, KEY));
        assertThat(taken).last().isEqualTo("10.0.0.10 nothing");
        assertThat(counters.get("reactive-replay")).isEqualTo(2);
    }

    @Test
    void theListenerAcksOverUdpToWhereTheAdviceCameFrom() throws Exception {
        MutableClock now = clock;
        try (DatagramSocket advisor = new DatagramSocket(new InetSocketAddress(HA, 0));
                ReactiveAdviceListener listener = new ReactiveAdviceListener(new InetSocketAddress(HA, 0),
                        (InetSocketAddress) advisor.getLocalSocketAddress(), inbox)) {
            advisor.setSoTimeout(5000);
            byte[] push = fromAdvisor(advice(TimestampIdentifications.of(now.instant())), 300, KEY);
            advisor.send(new DatagramPacket(push, push.length, new InetSocketAddress(HA, listener.localPort())));
            DatagramPacket ack = new DatagramPacket(new byte[100], 100);
            advisor.receive(ack);
            assertThat(((Decoded.Valid<ReactiveMessageCodec.Received>) ReactiveMessageCodec.decode(
                    java.util.Arrays.copyOf(ack.getData(), ack.getLength()))).message().message())
                    .isInstanceOf(ReactiveMessage.Ack.class);
            listener.pull(HOME);
            DatagramPacket pull = new DatagramPacket(new byte[100], 100);
            advisor.receive(pull);
            assertThat(((Decoded.Valid<ReactiveMessageCodec.Received>) ReactiveMessageCodec.decode(
                    java.util.Arrays.copyOf(pull.getData(), pull.getLength()))).message().message())
                    .isInstanceOf(ReactiveMessage.Pull.class);
        }
        assertThat(taken).hasSize(1);
    }

    private static Inet4Address ip(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
