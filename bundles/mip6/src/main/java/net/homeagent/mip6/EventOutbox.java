package net.homeagent.mip6;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvents;

/**
 * Where the node's appliance events go: to the event routes' {@link ApplianceEvents} when it is there
 * (homeagent-routes is optional). The node starts its recoveries while it is activated, before DS
 * has handed it the optional service, so the events of that moment are held (the last
 * {@value #HELD}) and published when the service comes; with no routes at all they are only logged.
 */
final class EventOutbox implements Consumer<ApplianceEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EventOutbox.class);
    static final int HELD = 16;

    private final Deque<ApplianceEvent> held = new ArrayDeque<>();
    private ApplianceEvents events;

    @Override
    public void accept(ApplianceEvent event) {
        LOG.info("appliance event {} from {}: {}", event.kind(), event.source(), event.text());
        ApplianceEvents target;
        synchronized (this) {
            target = events;
            if (target == null) {
                if (held.size() == HELD) {
                    held.removeFirst();
                }
                held.addLast(event);
                return;
            }
        }
        target.publish(event);
    }

    /** The routes came: what was held goes out first, in order. */
    synchronized void bind(ApplianceEvents routes) {
        events = routes;
        while (!held.isEmpty()) {
            routes.publish(held.removeFirst());
        }
    }

    synchronized void unbind(ApplianceEvents routes) {
        if (events == routes) {
            events = null;
        }
    }
}
