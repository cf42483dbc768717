package net.homeagent.mip.api.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;

/**
 * A data plane that forwards nothing: it keeps the tunnels it is given, answers the counters and
 * status a test sets, and records every call as a line ("install 10.0.0.10@192.0.2.2/GRE") that a
 * test can wait for, since the real callers run on threads of their own. A measurement that makes
 * hundreds of thousands of calls and reads none takes one {@link #withoutCallLog()}: formatting and
 * queueing a line per call would be most of what it measures.
 */
public final class FakeDataPlane implements DataPlane {

    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    private final boolean logsCalls;
    private final Map<BindingKey, TunnelSpec> tunnels = new HashMap<>();
    private final Map<BindingKey, TunnelCounters> counters = new HashMap<>();
    private volatile DataPlaneStatus status = new DataPlaneStatus("fake", true, "forwarding nothing", 0, List.of());

    public FakeDataPlane() {
        this(true);
    }

    private FakeDataPlane(boolean logsCalls) {
        this.logsCalls = logsCalls;
    }

    /** One that keeps its tunnels but records no call ({@link #nextCall} finds none). */
    public static FakeDataPlane withoutCallLog() {
        return new FakeDataPlane(false);
    }

    private void log(Supplier<String> call) {
        if (logsCalls) {
            calls.add(call.get());
        }
    }

    public FakeDataPlane status(DataPlaneStatus now) {
        this.status = now;
        return this;
    }

    public synchronized FakeDataPlane counters(BindingKey key, TunnelCounters counted) {
        counters.put(key, counted);
        return this;
    }

    /** The next call made, waiting at most {@code seconds}; null if none came. */
    public String nextCall(int seconds) throws InterruptedException {
        return calls.poll(seconds, TimeUnit.SECONDS);
    }

    public static String text(BindingKey key) {
        return key.homeAddress().getHostAddress() + "@" + key.careOfAddress().getHostAddress();
    }

    public static String text(TunnelSpec spec) {
        return text(spec.key()) + "/" + spec.encapsulation();
    }

    @Override
    public synchronized void install(TunnelSpec tunnel) {
        tunnels.put(tunnel.key(), tunnel);
        log(() -> "install " + text(tunnel));
    }

    @Override
    public synchronized void update(BindingKey previous, TunnelSpec tunnel) {
        tunnels.remove(previous);
        tunnels.put(tunnel.key(), tunnel);
        log(() -> "update " + text(previous) + " -> " + text(tunnel));
    }

    @Override
    public synchronized void remove(BindingKey key) {
        tunnels.remove(key);
        log(() -> "remove " + text(key));
    }

    @Override
    public synchronized void reconcile(Collection<TunnelSpec> live) {
        tunnels.clear();
        live.forEach(t -> tunnels.put(t.key(), t));
        log(() -> "reconcile " + live.stream().map(FakeDataPlane::text).toList());
    }

    @Override
    public synchronized void takeOver(Collection<TunnelSpec> live) {
        tunnels.clear();
        live.forEach(t -> tunnels.put(t.key(), t));
        log(() -> "takeOver " + live.stream().map(FakeDataPlane::text).toList());
    }

    @Override
    public synchronized void standBy() {
        tunnels.clear();
        log(() -> "standBy");
    }

    @Override
    public synchronized Optional<TunnelCounters> counters(BindingKey key) {
        return Optional.ofNullable(counters.get(key));
    }

    @Override
    public synchronized List<TunnelSpec> tunnels() {
        List<TunnelSpec> all = new ArrayList<>(tunnels.values());
        all.sort(TunnelSpec.BY_ADDRESSES);
        return all;
    }

    @Override
    public DataPlaneStatus status() {
        return status;
    }
}
