package net.homeagent.mimmclient.homeagent;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.mimm.Decoded;
import net.homeagent.mip.codec.mimm.ReactiveMessage;
import net.homeagent.mip.codec.mimm.ReactiveMessageCodec;
import net.homeagent.mip.codec.mimm.TimestampIdentifications;
import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;
import net.homeagent.mimmclient.manager.ReactiveAdvice;

/**
 * The mobile's side of reactive advice (docs/protocols.md "MIMM reactive advice"), without sockets:
 * what arrives is checked, acknowledged and handed to the {@link Sink} (the mobility manager's
 * {@code onReactiveAdvice}). For one or more mobiles of this host, each by its MN-HA key.
 *
 * <p>A pushed advice is taken when it is authentic (its home address is one of ours, the SPI ours,
 * the HMAC-MD5 over it right) and its identification is new: above the last one taken for that
 * mobile and within the tolerance of our clock (RFC 5944 §5.7.1 timestamps). Then it is acked. The
 * last one again (its ack was lost, the advisor retransmits) is acked again and not taken twice; an
 * older or far-off one is a replay: dropped, no ack. An answer to a pull must echo a pull we sent
 * and are still waiting for; it is not acked (the mobile pulls again instead).
 */
public final class ReactiveInbox {

    /** Where taken advice goes. */
    public interface Sink {
        void advised(Inet4Address home, ReactiveAdvice advice, boolean pulled);

        /** The advisor answered a pull: no alert concerns the mobile's network. */
        void nothingToAdvise(Inet4Address home);
    }

    private final Map<Inet4Address, MobileNodeKey> mobiles = new HashMap<>();
    private final Map<Inet4Address, Long> lastTaken = new HashMap<>();
    private final Map<Inet4Address, Long> pendingPull = new HashMap<>();
    private final Clock clock;
    private final long toleranceSeconds;
    private final TimestampIdentifications identifications;
    private final Counters counters;
    private final RateLimitedLog log;
    private final Sink sink;

    public ReactiveInbox(Collection<MobileNodeKey> mobiles, Clock clock, long toleranceSeconds, Counters counters,
            RateLimitedLog log, Sink sink) {
        mobiles.forEach(m -> this.mobiles.put(m.homeAddress(), m));
        this.clock = clock;
        this.toleranceSeconds = toleranceSeconds;
        this.identifications = new TimestampIdentifications(clock);
        this.counters = counters;
        this.log = log;
        this.sink = sink;
    }

    /** A datagram from the advisor; returns the ack to send back to where it came from, if one is due. */
    public synchronized Optional<byte[]> receive(byte[] datagram) {
        Decoded<ReactiveMessageCodec.Received> decoded = ReactiveMessageCodec.decode(datagram);
        if (decoded instanceof Decoded.Malformed<ReactiveMessageCodec.Received> m) {
            return drop("reactive-malformed", m.detail());
        }
        ReactiveMessageCodec.Received r = ((Decoded.Valid<ReactiveMessageCodec.Received>) decoded).message();
        MobileNodeKey mobile = mobiles.get(r.homeAddress());
        if (mobile == null || mobile.spi() != r.spi()
                || !r.authentic(AuthenticationAlgorithm.HMAC_MD5, mobile.key())) {
            return drop("reactive-not-authentic", "advisor datagram for " + r.homeAddress().getHostAddress() + " SPI "
                    + r.spi() + (mobile == null ? ": not a mobile of this host" : ": wrong SPI or authenticator"));
        }
        ReactiveMessage message = r.message();
        if (message instanceof ReactiveMessage.Advice advice && !advice.pulled()) {
            return pushed(mobile, advice);
        }
        if (message instanceof ReactiveMessage.Advice || message instanceof ReactiveMessage.NothingToAdvise) {
            Long pending = pendingPull.get(message.homeAddress());
            if (pending == null || pending != message.identification()) {
                return drop("reactive-replay", "pull answer for " + message.homeAddress().getHostAddress()
                        + " answers no pull we are waiting for");
            }
            pendingPull.remove(message.homeAddress());
            if (message instanceof ReactiveMessage.Advice advice) {
                counters.increment("reactive-pulled");
                sink.advised(advice.homeAddress(), toManager(advice), true);
            } else {
                counters.increment("reactive-nothing");
                sink.nothingToAdvise(message.homeAddress());
            }
            return Optional.empty();
        }
        return drop("reactive-malformed", "a " + message.getClass().getSimpleName() + " sent to a mobile");
    }

    private Optional<byte[]> pushed(MobileNodeKey mobile, ReactiveMessage.Advice advice) {
        Instant now = clock.instant();
        Long last = lastTaken.get(advice.homeAddress());
        byte[] ack = sign(new ReactiveMessage.Ack(advice.homeAddress(), advice.identification()), mobile);
        if (last != null && last == advice.identification()) {
            counters.increment("reactive-duplicate");
            return Optional.of(ack);
        }
        if ((last != null && Long.compareUnsigned(advice.identification(), last) < 0)
                || !TimestampIdentifications.near(advice.identification(), now, toleranceSeconds)) {
            return drop("reactive-replay", "advice for " + advice.homeAddress().getHostAddress()
                    + " refused: identification older than the last taken or not within " + toleranceSeconds
                    + " s of our clock");
        }
        lastTaken.put(advice.homeAddress(), advice.identification());
        counters.increment("reactive-advice");
        sink.advised(advice.homeAddress(), toManager(advice), false);
        return Optional.of(ack);
    }

    /** A pull for this mobile (authenticated with its key), to send to the advisor; its answer is then awaited. */
    public synchronized byte[] pull(Inet4Address home) {
        MobileNodeKey mobile = mobiles.get(home);
        if (mobile == null) {
            throw new IllegalArgumentException(home.getHostAddress() + " is not a mobile of this host");
        }
        long id = identifications.next();
        pendingPull.put(home, id);
        counters.increment("reactive-pull");
        return sign(new ReactiveMessage.Pull(home, id), mobile);
    }

    private static byte[] sign(ReactiveMessage message, MobileNodeKey mobile) {
        return ReactiveMessageCodec.encode(message, mobile.spi(), AuthenticationAlgorithm.HMAC_MD5, mobile.key());
    }

    private static ReactiveAdvice toManager(ReactiveMessage.Advice advice) {
        return new ReactiveAdvice(advice.network(), advice.reason().name(), advice.expirySeconds(), advice.alternative());
    }

    private Optional<byte[]> drop(String key, String detail) {
        counters.increment(key);
        log.warn(key, detail);
        return Optional.empty();
    }
}
