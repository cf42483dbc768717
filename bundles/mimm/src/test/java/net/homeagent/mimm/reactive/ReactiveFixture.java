package net.homeagent.mimm.reactive;

import static net.homeagent.mimm.Fixtures.binding;
import static net.homeagent.mimm.Fixtures.ip;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.homeagent.mimm.Fixtures;
import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.InMemorySecurityAssociations;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.mimm.Decoded;
import net.homeagent.mip.codec.mimm.ReactiveMessage;
import net.homeagent.mip.codec.mimm.ReactiveMessageCodec;
import net.homeagent.mip.codec.mimm.TimestampIdentifications;

/** The reactive advisor over the test-jar's fakes: a clock, a binding table, associations, a recording sink. */
final class ReactiveFixture {

    static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    final MutableClock clock = MutableClock.at("2026-12-06T23:00:00Z");
    final FakeBindingStore store = new FakeBindingStore();
    final InMemorySecurityAssociations associations = new InMemorySecurityAssociations();
    final List<Sent> sent = new ArrayList<>();
    final ReactiveCounters counters = new ReactiveCounters();
    final AlertBook book = new AlertBook();
    final List<ApplianceEvent> published = new ArrayList<>();
    final ReactivePusher pusher;
    final ReactiveAdvisor advisor;

    record Sent(Inet4Address home, byte[] datagram) {
        ReactiveMessage message() {
            return ((Decoded.Valid<ReactiveMessageCodec.Received>) ReactiveMessageCodec.decode(datagram)).message()
                    .message();
        }
    }

    ReactiveFixture(Deliveries deliveries, int rate, int burst, String... subjects) {
        AdviceSink sink = (home, datagram) -> sent.add(new Sent(home, datagram));
        pusher = new ReactivePusher(clock, sink, new TokenBucket(rate, burst, clock.instant()),
                new ReactivePusher.Retransmission(Duration.ofSeconds(1), 3), new TimestampIdentifications(clock),
                alert -> book.active(clock.instant()).contains(alert), counters);
        advisor = new ReactiveAdvisor(clock, new AlertReader(AlertSubjects.parse(Fixtures.plan(), List.of(subjects))),
                book, new MobileDirectory(store, associations, Fixtures.plan()), pusher, deliveries, 7, counters,
                published::add);
    }

    /** A mobile registered at {@code careOf} with an association under SPI 300 (and 301, the same key, for the lowest-SPI rule). */
    ReactiveFixture mobile(String home, String careOf) {
        store.register(binding(home, careOf), false);
        associations.add(association(home, 301)).add(association(home, 300));
        return this;
    }

    static SecurityAssociation association(String home, long spi) {
        return new SecurityAssociation(Optional.of(ip(home)), Optional.empty(), spi, AuthenticationAlgorithm.HMAC_MD5,
                KEY, ReplayProtection.TIMESTAMP);
    }

    static ApplianceEvent trap(Map<String, String> varbinds) {
        Map<String, String> details = new java.util.HashMap<>(varbinds);
        details.put("peer", "127.0.0.1/40000");
        details.put("version", "v2c");
        details.putIfAbsent("trap", AlertReader.ALERT_TRAP);
        return ApplianceEvent.of(ApplianceEvent.Kind.NETWORK_ALERT, java.time.Instant.parse("2026-12-06T23:00:00Z"),
                "snmp-trap", "trap", details);
    }

    static ApplianceEvent alertTrap(String subject, int reason, long expiry, int alternative) {
        return trap(Map.of(AlertReader.SUBJECT, subject, AlertReader.REASON, String.valueOf(reason),
                AlertReader.EXPIRY, String.valueOf(expiry), AlertReader.ALTERNATIVE, String.valueOf(alternative)));
    }

    /** What the mobile sends: a message authenticated with its key under SPI 300. */
    static byte[] fromMobile(ReactiveMessage message, byte[] key) {
        return ReactiveMessageCodec.encode(message, 300, AuthenticationAlgorithm.HMAC_MD5, key);
    }

    /** A datagram from a mobile; an answer to it is recorded as sent to that mobile. */
    void receive(byte[] datagram) {
        Inet4Address from = ((Decoded.Valid<ReactiveMessageCodec.Received>) ReactiveMessageCodec.decode(datagram))
                .message().homeAddress();
        advisor.received(datagram, reply -> sent.add(new Sent(from, reply)));
    }

    void advance(Duration d) {
        clock.advance(d);
    }
}
