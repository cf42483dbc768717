package net.homeagent.delegation.bench;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RemovalReason;

/**
 * The binding table of {@link DelegationMeasurement}: first registrations and renewals of one binding
 * per home address, hashed by home address, each change told to the listeners on the registering
 * thread as the appliance's store does. mip-api's {@code FakeBindingStore} looks a home address up
 * by walking every binding, which at 100,000 bindings would measure itself; what the measurement
 * never asks (removals, simultaneous bindings, NAIs) is refused.
 */
final class HashedBindings implements BindingStore {

    private final ConcurrentHashMap<Inet4Address, Binding> byHome = new ConcurrentHashMap<>();
    private final List<BindingListener> listeners = new ArrayList<>();

    HashedBindings listen(BindingListener listener) {
        listeners.add(listener);
        return this;
    }

    @Override
    public RegisterOutcome register(Binding binding, boolean simultaneous, ChangeOrigin origin) {
        Binding previous = byHome.put(binding.homeAddress(), binding);
        if (previous != null && !previous.careOfAddress().equals(binding.careOfAddress())) {
            throw new UnsupportedOperationException("the measurement registers one care-of address per home address");
        }
        BindingEvent event = previous == null ? BindingEvent.added(binding, origin)
                : BindingEvent.renewed(binding, previous, origin);
        listeners.forEach(l -> l.bindingChanged(event));
        return new RegisterOutcome(binding, Optional.ofNullable(previous), List.of());
    }

    @Override
    public List<Binding> find(Inet4Address homeAddress) {
        Binding binding = byHome.get(homeAddress);
        return binding == null ? List.of() : List.of(binding);
    }

    @Override
    public List<Binding> list(Predicate<Binding> filter) {
        return byHome.values().stream().filter(filter).toList();
    }

    @Override
    public void forEachBinding(Consumer<Binding> visitor) {
        byHome.values().forEach(visitor);
    }

    @Override
    public int size() {
        return byHome.size();
    }

    @Override
    public Optional<RegisterOutcome> registerSimultaneous(Binding binding, int maxBindings) {
        throw new UnsupportedOperationException("not used by the measurement");
    }

    @Override
    public Optional<Binding> remove(Inet4Address homeAddress, Inet4Address careOfAddress, RemovalReason reason,
            ChangeOrigin origin) {
        throw new UnsupportedOperationException("not used by the measurement");
    }

    @Override
    public List<Binding> removeAll(Inet4Address homeAddress, RemovalReason reason, ChangeOrigin origin) {
        throw new UnsupportedOperationException("not used by the measurement");
    }

    @Override
    public int clear(RemovalReason reason) {
        throw new UnsupportedOperationException("not used by the measurement");
    }

    @Override
    public List<Binding> findByNai(String nai) {
        throw new UnsupportedOperationException("not used by the measurement");
    }
}
