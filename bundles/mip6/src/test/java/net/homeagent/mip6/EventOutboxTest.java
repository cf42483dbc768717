package net.homeagent.mip6;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.events.ApplianceEvent;

class EventOutboxTest {

    private final EventOutbox outbox = new EventOutbox();
    private final List<ApplianceEvent> published = new ArrayList<>();

    @Test
    void eventsBeforeTheRoutesAreHeldAndPublishedInOrderWhenTheyCome() {
        outbox.accept(event("a"));
        outbox.accept(event("b"));
        assertThat(published).isEmpty();
        outbox.bind(published::add);
        outbox.accept(event("c"));
        assertThat(published).extracting(ApplianceEvent::text).containsExactly("a", "b", "c");
    }

    @Test
    void onlyTheLastOnesAreHeldAndNothingGoesToRoutesThatLeft() {
        for (int i = 0; i < EventOutbox.HELD + 3; i++) {
            outbox.accept(event("e" + i));
        }
        outbox.bind(published::add);
        assertThat(published).hasSize(EventOutbox.HELD).first().extracting(ApplianceEvent::text).isEqualTo("e3");
        published.clear();
        net.homeagent.mip.api.events.ApplianceEvents other = e -> true;
        outbox.unbind(other);   // not the bound one: still bound
        outbox.accept(event("x"));
        assertThat(published).hasSize(1);
        outbox.unbind(published::add);   // another lambda instance: still bound
        outbox.accept(event("y"));
        assertThat(published).hasSize(2);
    }

    @Test
    void unbindingTheRoutesHoldsAgain() {
        net.homeagent.mip.api.events.ApplianceEvents routes = published::add;
        outbox.bind(routes);
        outbox.unbind(routes);
        outbox.accept(event("held"));
        assertThat(published).isEmpty();
        outbox.bind(routes);
        assertThat(published).extracting(ApplianceEvent::text).containsExactly("held");
    }

    private static ApplianceEvent event(String text) {
        return ApplianceEvent.failure(Instant.EPOCH, "mip6", text);
    }
}
