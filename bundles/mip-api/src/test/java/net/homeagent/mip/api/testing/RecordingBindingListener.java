package net.homeagent.mip.api.testing;

import java.util.ArrayList;
import java.util.List;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;

/** Keeps every event it hears, in order. */
public final class RecordingBindingListener implements BindingListener {
    private final List<BindingEvent> events = new ArrayList<>();

    @Override
    public synchronized void bindingChanged(BindingEvent event) {
        events.add(event);
    }

    public synchronized List<BindingEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<BindingEvent.Type> types() {
        return events.stream().map(BindingEvent::type).toList();
    }

    public synchronized void clear() {
        events.clear();
    }
}
