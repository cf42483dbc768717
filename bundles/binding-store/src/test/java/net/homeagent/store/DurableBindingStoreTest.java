package net.homeagent.store;

import static net.homeagent.store.TestBindings.binding;
import static net.homeagent.store.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.BindingStore.RegisterOutcome;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.api.testing.RecordingBindingListener;
import net.homeagent.mip.codec.wire.Ipv4;

/** The {@code BindingStore} contract, except expiry ({@link BindingExpiryTest}). */
class DurableBindingStoreTest {

    private final MutableClock clock = MutableClock.at("2024-01-01T00:00:00Z");
    private final RecordingBindingListener events = new RecordingBindingListener();
    private DurableBindingStore store;

    @BeforeEach
    void setUp() {
        store = new DurableBindingStore(clock);
        store.addListener(events);
    }

    @Test
    void aNewBindingIsAddedAndFound() {
        Binding b = binding("10.0.0.1", "192.0.2.1").build();

        RegisterOutcome outcome = store.register(b, false);

        assertThat(outcome.binding()).isEqualTo(b);
        assertThat(outcome.isRenewal()).isFalse();
        assertThat(outcome.replaced()).isEmpty();
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(b);
        assertThat(store.size()).isEqualTo(1);
        assertThat(events.events()).containsExactly(BindingEvent.added(b));
    }

    @Test
    void aChangeFromAPeerSaysSoInEveryEventItCauses() {
        Binding first = binding("10.0.0.1", "192.0.2.1").build();
        Binding moved = binding("10.0.0.1", "192.0.2.2").build();

        store.register(first, false, ChangeOrigin.REPLICATED);
        store.register(moved, false, ChangeOrigin.DOWNLOADED);
        store.remove(ip("10.0.0.1"), ip("192.0.2.2"), RemovalReason.DEREGISTERED, ChangeOrigin.REPLICATED);

        assertThat(events.events()).containsExactly(BindingEvent.added(first, ChangeOrigin.REPLICATED),
                BindingEvent.removed(first, RemovalReason.REPLACED, ChangeOrigin.DOWNLOADED),
                BindingEvent.added(moved, ChangeOrigin.DOWNLOADED),
                BindingEvent.removed(moved, RemovalReason.DEREGISTERED, ChangeOrigin.REPLICATED));
        assertThatThrownBy(() -> store.register(first, false, ChangeOrigin.RESTORED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registeringTheSameCareOfAddressAgainIsARenewal() {
        Binding first = binding("10.0.0.1", "192.0.2.1").identification(1).build();
        Binding second = binding("10.0.0.1", "192.0.2.1").identification(2).lifetime(900).build();
        store.register(first, false);

        RegisterOutcome outcome = store.register(second, false);

        assertThat(outcome.renewed()).contains(first);
        assertThat(outcome.replaced()).isEmpty();
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(second);
        assertThat(store.size()).isEqualTo(1);
        assertThat(events.events()).containsExactly(BindingEvent.added(first), BindingEvent.renewed(second, first));
    }

    @Test
    void withoutSimultaneousANewCareOfAddressReplacesTheOthers() {
        Binding a = binding("10.0.0.1", "192.0.2.1").build();
        Binding b = binding("10.0.0.1", "192.0.2.2").build();
        Binding c = binding("10.0.0.1", "192.0.2.3").build();
        store.register(a, true);
        store.register(b, true);
        events.clear();

        RegisterOutcome outcome = store.register(c, false);

        assertThat(outcome.isRenewal()).isFalse();
        assertThat(outcome.replaced()).containsExactly(a, b);
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(c);
        assertThat(store.size()).isEqualTo(1);
        assertThat(events.events()).containsExactly(
                BindingEvent.removed(a, RemovalReason.REPLACED),
                BindingEvent.removed(b, RemovalReason.REPLACED),
                BindingEvent.added(c));
    }

    @Test
    void withoutSimultaneousARenewalStillDropsTheOtherCareOfAddresses() {
        Binding a = binding("10.0.0.1", "192.0.2.1").build();
        Binding b = binding("10.0.0.1", "192.0.2.2").build();
        Binding aAgain = binding("10.0.0.1", "192.0.2.1").identification(7).build();
        store.register(a, true);
        store.register(b, true);
        events.clear();

        RegisterOutcome outcome = store.register(aAgain, false);

        assertThat(outcome.renewed()).contains(a);
        assertThat(outcome.replaced()).containsExactly(b);
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(aAgain);
        assertThat(events.events()).containsExactly(
                BindingEvent.removed(b, RemovalReason.REPLACED), BindingEvent.renewed(aAgain, a));
    }

    @Test
    void simultaneousBindingsAccumulateOnePerCareOfAddress() {
        Binding a = binding("10.0.0.1", "192.0.2.9").build();
        Binding b = binding("10.0.0.1", "192.0.2.10").build();
        Binding bAgain = binding("10.0.0.1", "192.0.2.10").identification(3).build();

        store.register(a, true);
        store.register(b, true);
        RegisterOutcome renewal = store.register(bAgain, true);

        assertThat(renewal.renewed()).contains(b);
        assertThat(renewal.replaced()).isEmpty();
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(a, bAgain); // .9 before .10: numeric order
        assertThat(store.size()).isEqualTo(2);
        assertThat(events.types()).containsExactly(BindingEvent.Type.ADDED, BindingEvent.Type.ADDED,
                BindingEvent.Type.RENEWED);
    }

    @Test
    void removeTakesOneCareOfAddressAndSaysWhy() {
        Binding a = binding("10.0.0.1", "192.0.2.1").build();
        Binding b = binding("10.0.0.1", "192.0.2.2").build();
        store.register(a, true);
        store.register(b, true);
        events.clear();

        Optional<Binding> removed = store.remove(ip("10.0.0.1"), ip("192.0.2.1"), RemovalReason.DEREGISTERED);

        assertThat(removed).contains(a);
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(b);
        assertThat(store.size()).isEqualTo(1);
        assertThat(events.events()).containsExactly(BindingEvent.removed(a, RemovalReason.DEREGISTERED));
    }

    @Test
    void removingWhatIsNotThereChangesNothing() {
        store.register(binding("10.0.0.1", "192.0.2.1").build(), false);
        events.clear();

        assertThat(store.remove(ip("10.0.0.1"), ip("192.0.2.99"), RemovalReason.DEREGISTERED)).isEmpty();
        assertThat(store.remove(ip("10.0.0.2"), ip("192.0.2.1"), RemovalReason.DEREGISTERED)).isEmpty();
        assertThat(store.removeAll(ip("10.0.0.2"), RemovalReason.DEREGISTERED)).isEmpty();

        assertThat(store.size()).isEqualTo(1);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void removeAllTakesEveryBindingOfOneHomeAddress() {
        Binding a = binding("10.0.0.1", "192.0.2.1").build();
        Binding b = binding("10.0.0.1", "192.0.2.2").build();
        Binding other = binding("10.0.0.2", "192.0.2.1").build();
        store.register(a, true);
        store.register(b, true);
        store.register(other, true);
        events.clear();

        List<Binding> removed = store.removeAll(ip("10.0.0.1"), RemovalReason.DEREGISTERED);

        assertThat(removed).containsExactly(a, b);
        assertThat(store.find(ip("10.0.0.1"))).isEmpty();
        assertThat(store.list(x -> true)).containsExactly(other);
        assertThat(store.size()).isEqualTo(1);
        assertThat(events.events()).containsExactly(BindingEvent.removed(a, RemovalReason.DEREGISTERED),
                BindingEvent.removed(b, RemovalReason.DEREGISTERED));
    }

    @Test
    void clearEmptiesTheTableAndCountsBindingsNotHomeAddresses() {
        store.register(binding("10.0.0.1", "192.0.2.1").nai("a@example.net").build(), true);
        store.register(binding("10.0.0.1", "192.0.2.2").nai("a@example.net").build(), true);
        store.register(binding("10.0.0.2", "192.0.2.1").build(), true);
        events.clear();

        assertThat(store.clear(RemovalReason.CLEARED)).isEqualTo(3);

        assertThat(store.size()).isZero();
        assertThat(store.list(x -> true)).isEmpty();
        assertThat(store.findByNai("a@example.net")).isEmpty();
        assertThat(store.indexedNaiCount()).isZero();
        assertThat(events.events()).hasSize(3)
                .allSatisfy(e -> assertThat(e.reason()).contains(RemovalReason.CLEARED));
    }

    @Test
    void listSortsByHomeThenCareOfAddressNumerically() {
        Binding high = binding("200.0.0.1", "192.0.2.1").build();      // above 127.255.255.255: unsigned
        Binding nine = binding("10.0.0.9", "192.0.2.1").build();
        Binding tenB = binding("10.0.0.10", "192.0.2.20").build();
        Binding tenA = binding("10.0.0.10", "192.0.2.3").build();
        store.register(high, true);
        store.register(tenB, true);
        store.register(nine, true);
        store.register(tenA, true);

        assertThat(store.list(x -> true)).containsExactly(nine, tenA, tenB, high);
        assertThat(store.list(b -> b.careOfAddress().equals(ip("192.0.2.1")))).containsExactly(nine, high);
        assertThat(store.find(ip("10.0.0.10"))).containsExactly(tenA, tenB);
    }

    @Test
    void findByNaiIgnoresCaseAndFollowsRenewalsAndRemovals() {
        Binding a = binding("10.0.0.1", "192.0.2.1").nai("Alice@Example.net").build();
        Binding b = binding("10.0.0.2", "192.0.2.1").nai("alice@example.NET").build();
        Binding c = binding("10.0.0.3", "192.0.2.1").nai("bob@example.net").build();
        store.register(b, false);
        store.register(a, false);
        store.register(c, false);

        assertThat(store.findByNai("ALICE@example.net")).containsExactly(a, b);
        assertThat(store.findByNai("carol@example.net")).isEmpty();

        Binding aRenamed = binding("10.0.0.1", "192.0.2.1").nai("carol@example.net").build();
        store.register(aRenamed, false);
        assertThat(store.findByNai("alice@example.net")).containsExactly(b);
        assertThat(store.findByNai("carol@example.net")).containsExactly(aRenamed);

        store.remove(ip("10.0.0.2"), ip("192.0.2.1"), RemovalReason.DEREGISTERED);
        assertThat(store.findByNai("alice@example.net")).isEmpty();
        assertThat(store.indexedNaiCount()).isEqualTo(2); // carol and bob
    }

    @Test
    void findByNaiKeepsAHomeAddressWhileAnyOfItsBindingsCarriesTheNai() {
        Binding withNai = binding("10.0.0.1", "192.0.2.1").nai("node@example.net").build();
        Binding alsoWithNai = binding("10.0.0.1", "192.0.2.2").nai("node@example.net").build();
        Binding withoutNai = binding("10.0.0.1", "192.0.2.3").build();
        store.register(withNai, true);
        store.register(alsoWithNai, true);
        store.register(withoutNai, true);

        store.remove(ip("10.0.0.1"), ip("192.0.2.1"), RemovalReason.DEREGISTERED);

        assertThat(store.findByNai("node@example.net")).containsExactly(alsoWithNai);
    }

    @Test
    void aNaiFoldsLikeEqualsIgnoreCase() {
        // U+017F LATIN SMALL LETTER LONG S equals 's' ignoring case, though its lower case is itself.
        Binding b = binding("10.0.0.1", "192.0.2.1").nai("\u017Fam@example.net").build();
        store.register(b, false);

        assertThat(store.findByNai("SAM@example.net")).containsExactly(b);
    }

    @Test
    void listsAreCopiesTheCallerCannotChange() {
        store.register(binding("10.0.0.1", "192.0.2.1").build(), false);
        List<Binding> listed = store.list(x -> true);

        store.clear(RemovalReason.CLEARED);

        assertThat(listed).hasSize(1);
        assertThat(listed).isUnmodifiable();
        assertThat(store.find(ip("10.0.0.1"))).isUnmodifiable();
    }

    @Test
    void aListenerThatThrowsStopsNeitherTheOthersNorTheStore() {
        store.removeListener(events);
        store.addListener(event -> {
            throw new IllegalStateException("broken listener");
        });
        store.addListener(events);
        Binding b = binding("10.0.0.1", "192.0.2.1").build();

        store.register(b, false);
        store.remove(ip("10.0.0.1"), ip("192.0.2.1"), RemovalReason.DEREGISTERED);
        store.register(b, false);

        assertThat(events.types()).containsExactly(BindingEvent.Type.ADDED, BindingEvent.Type.REMOVED,
                BindingEvent.Type.ADDED);
        assertThat(store.find(ip("10.0.0.1"))).containsExactly(b);
        assertThat(store.listenerFailureCount()).isEqualTo(3);
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        store.register(binding("10.0.0.1", "192.0.2.1").build(), false);
        store.removeListener(events);

        store.register(binding("10.0.0.2", "192.0.2.1").build(), false);

        assertThat(events.events()).hasSize(1);
    }

    @Test
    void eventsAreDeliveredAfterTheChangeIsVisible() {
        RecordingBindingListener seen = new RecordingBindingListener();
        store.addListener(event -> {
            assertThat(store.find(event.binding().homeAddress()).contains(event.binding()))
                    .isEqualTo(event.type() != BindingEvent.Type.REMOVED);
            seen.bindingChanged(event);
        });
        Binding b = binding("10.0.0.1", "192.0.2.1").build();

        store.register(b, false);
        store.remove(ip("10.0.0.1"), ip("192.0.2.1"), RemovalReason.DEREGISTERED);

        assertThat(seen.types()).containsExactly(BindingEvent.Type.ADDED, BindingEvent.Type.REMOVED);
        assertThat(store.listenerFailureCount()).isZero();
    }

    @Test
    void forEachVisitsEveryBindingOnceWithoutAList() {
        for (int i = 0; i < 3_000; i++) {
            store.register(binding(Ipv4.of(0x0a01_0000 + i), ip("192.0.2.1")).identification(i).build(), false);
        }
        store.register(binding(Ipv4.of(0x0a01_0000), ip("192.0.2.2")).nai("x@example.net").build(), true);
        List<Binding> visited = new java.util.ArrayList<>();
        store.forEachBinding(visited::add);
        assertThat(visited).hasSize(3_001).containsExactlyInAnyOrderElementsOf(store.list(b -> true));
    }
}
