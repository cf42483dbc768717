package net.homeagent.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;

import net.homeagent.ha.registration.RegistrationProcessor;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.store.DurableBindingStore;
import net.homeagent.mip.api.testing.MutableClock;

/** The benchmarks measure what they say: accepted registrations, and bindings that really expire. */
class BenchmarkFixturesTest {

    private final RegistrationFixtures fixtures = new RegistrationFixtures(3);

    @Test
    void aFixtureRequestIsAcceptedAndItsReplayRefused() throws MalformedMessageException {
        DurableBindingStore store = new DurableBindingStore(Clock.systemUTC());
        RegistrationProcessor processor = fixtures.processor(store, Clock.systemUTC());
        byte[] wire = fixtures.request(2, RegistrationFixtures.ntp(Instant.now()), RegistrationFixtures.LIFETIME);

        assertThat(process(processor, wire)).isEqualTo(ReplyCode.ACCEPTED);
        assertThat(store.find(RegistrationFixtures.homeAddress(2))).hasSize(1);
        assertThat(process(processor, wire)).isEqualTo(ReplyCode.IDENTIFICATION_MISMATCH);
    }

    @Test
    void dueBindingsAllExpireInTheSameSecond() {
        Instant start = Instant.parse("2026-11-22T06:00:00Z");
        MutableClock clock = new MutableClock(start);
        DurableBindingStore store = new DurableBindingStore(clock);
        DueBindings.fill(store, 1000, start, 60);
        clock.set(start.plusSeconds(59));
        assertThat(store.expireDue()).isZero();
        clock.set(start.plusSeconds(61));
        assertThat(store.expireDue()).isEqualTo(1000);
        assertThat(store.size()).isZero();
    }

    private int process(RegistrationProcessor processor, byte[] wire) throws MalformedMessageException {
        RegistrationRequest request = (RegistrationRequest) fixtures.codec.decode(Unpooled.wrappedBuffer(wire));
        return processor.process(new InboundRegistration(request, RegistrationFixtures.FOREIGN_AGENT,
                RegistrationFixtures.RECEIVED_ON)).toCompletableFuture().join().reply().orElseThrow().code();
    }
}
