package net.homeagent.mip.api.testing;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.support.Futures;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * A plain map behind the {@link BindingStore} contract, for unit tests of the bundles that use
 * a store. It does not expire bindings by itself: tests call {@link #expireAt}.
 */
public final class FakeBindingStore implements BindingStore {
    private static final Comparator<Binding> ORDER = Comparator
            .comparing((Binding b) -> Ipv4.toUnsigned(b.homeAddress()))
            .thenComparing(b -> Ipv4.toUnsigned(b.careOfAddress()));

    private final Map<BindingKey, Binding> bindings = new LinkedHashMap<>();
    private final List<BindingListener> listeners = new ArrayList<>();
    private final List<CompletableFuture<Void>> pendingSyncs = new ArrayList<>();
    private boolean holdSyncs;

    public synchronized FakeBindingStore listen(BindingListener listener) {
        listeners.add(listener);
        return this;
    }

    @Override
    public synchronized RegisterOutcome register(Binding binding, boolean simultaneous, ChangeOrigin origin) {
        List<Binding> replaced = new ArrayList<>();
        if (!simultaneous) {
            for (Binding other : find(binding.homeAddress())) {
                if (!other.careOfAddress().equals(binding.careOfAddress())) {
                    bindings.remove(other.key());
                    replaced.add(other);
                    fire(BindingEvent.removed(other, RemovalReason.REPLACED, origin));
                }
            }
        }
        Optional<Binding> previous = Optional.ofNullable(bindings.put(binding.key(), binding));
        fire(previous.map(p -> BindingEvent.renewed(binding, p, origin)).orElseGet(() -> BindingEvent.added(binding, origin)));
        return new RegisterOutcome(binding, previous, replaced);
    }

    @Override
    public synchronized Optional<RegisterOutcome> registerSimultaneous(Binding binding, int maxBindings) {
        long others = find(binding.homeAddress()).stream()
                .filter(b -> !b.careOfAddress().equals(binding.careOfAddress())).count();
        return others >= maxBindings ? Optional.empty() : Optional.of(register(binding, true));
    }

    @Override
    public synchronized Optional<Binding> remove(Inet4Address homeAddress, Inet4Address careOfAddress,
            RemovalReason reason, ChangeOrigin origin) {
        Optional<Binding> removed = Optional.ofNullable(bindings.remove(new BindingKey(homeAddress, careOfAddress)));
        removed.ifPresent(b -> fire(BindingEvent.removed(b, reason, origin)));
        return removed;
    }

    @Override
    public synchronized List<Binding> removeAll(Inet4Address homeAddress, RemovalReason reason, ChangeOrigin origin) {
        List<Binding> gone = find(homeAddress);
        gone.forEach(b -> remove(b.homeAddress(), b.careOfAddress(), reason, origin));
        return gone;
    }

    @Override
    public synchronized int clear(RemovalReason reason) {
        List<Binding> all = list(b -> true);
        all.forEach(b -> remove(b.homeAddress(), b.careOfAddress(), reason));
        return all.size();
    }

    /** Removes, as the real store's timer would, every binding expired at {@code now}. */
    public synchronized int expireAt(java.time.Instant now) {
        List<Binding> due = list(b -> b.isExpiredAt(now));
        due.forEach(b -> remove(b.homeAddress(), b.careOfAddress(), RemovalReason.EXPIRED));
        return due.size();
    }

    @Override
    public synchronized List<Binding> find(Inet4Address homeAddress) {
        return list(b -> b.homeAddress().equals(homeAddress));
    }

    @Override
    public synchronized List<Binding> findByNai(String nai) {
        return list(b -> b.nai().filter(nai::equalsIgnoreCase).isPresent());
    }

    @Override
    public synchronized List<Binding> list(Predicate<Binding> filter) {
        return bindings.values().stream().filter(filter).sorted(ORDER).toList();
    }

    @Override
    public synchronized int size() {
        return bindings.size();
    }

    /** From now on {@link #sync()} stays pending until {@link #completeSyncs()}, like a slow disk. */
    public synchronized FakeBindingStore holdSyncs() {
        holdSyncs = true;
        return this;
    }

    /** Completes every pending {@link #sync()}; returns how many there were. */
    public synchronized int completeSyncs() {
        int n = pendingSyncs.size();
        pendingSyncs.forEach(f -> f.complete(null));
        pendingSyncs.clear();
        return n;
    }

    @Override
    public synchronized CompletionStage<Void> sync() {
        if (!holdSyncs) {
            return Futures.NOTHING_TO_WAIT_FOR;
        }
        CompletableFuture<Void> pending = new CompletableFuture<>();
        pendingSyncs.add(pending);
        return pending;
    }

    private void fire(BindingEvent event) {
        listeners.forEach(l -> l.bindingChanged(event));
    }
}
