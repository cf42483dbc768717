package net.homeagent.dataplane;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DelegatedForwarding;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.ServingAuthority;
import net.homeagent.mip.api.TunnelHolder;
import net.homeagent.mip.api.TunnelSpec;

/**
 * Drives the {@link DataPlane} from the binding table: ADDED installs, a RENEWED binding whose
 * tunnel changed is installed again, REMOVED removes, and a binding REPLACED by one at another
 * care-of address (a mobile node that moved, RFC 5944 §3.6.1.2) is an update, so the home address
 * is never without a route. Events arrive on the registering thread at up to ~100,000/s; there they
 * only join the home address's waiting changes ({@link PendingTunnelChanges}), and one thread of
 * the driver's own asks the data plane for them. When the binding store arrives it reconciles the
 * host with every binding in the table (the store restores its backup before), so a crash leaves
 * nothing stale behind.
 *
 * <p>When the host is slower than registrations (an {@code ip -batch} process takes ~4,700 changes a
 * second) the waiting changes are coalesced per home address, not queued one by one: only the latest
 * wanted state of a home address is applied, the memory they take is bounded by the home addresses
 * (not by the changes), and nothing is lost: every home address's final state reaches the host. The
 * changes that needed no data plane call of their own are counted ("coalesced", in
 * {@code mip:dataplane} through {@link TunnelDriverStatus}).
 *
 * <p>A data plane that does not forward (configured off, or without privileges; it stays so for its
 * life, as a configuration change makes a new one and so a new driver) only counts what it was
 * asked: such events are handed to it on the registering thread, without the queue and the move
 * lookup, because at 100,000 registrations a second the queue alone cost a tenth of a core.
 *
 * <p>A {@link ServingAuthority} (a redundancy group member's state) decides whether the node serves:
 * standing by, the host is emptied ({@link DataPlane#standBy}) and binding changes are ignored (a
 * standby member receives its peers' changes; it must not attract their traffic); serving again, the
 * whole table is installed and every home address announced ({@link DataPlane#takeOver}). Without an
 * authority the node serves, unless configured to start standing by ({@code startStandingBy}, for the
 * members of a redundancy group: a member that restarts must not proxy its peers' home addresses
 * before its role says it is the active one). The state changes on the authority's thread; the host is changed on
 * the driver's, before any change that waits.
 *
 * <p>A {@link DelegatedForwarding} (a primary home agent that handed some mobiles to secondary home
 * agents) names home addresses another node forwards: their bindings stay in the table but the host
 * neither routes nor proxies them. When it says a home address changed hands, the driver queues it
 * and, on its own thread, makes the host agree with the table for that address: delegated, its
 * tunnels are removed; taken back, they are installed, which announces it again (gratuitous ARP).
 * A delegated home address's bindings are still this node's registrations, tunnelling back to this
 * node's address: the data plane keeps admitting and unwrapping their reverse tunnels (RFC 3024
 * §4.2.1) without routing or proxying the home address ({@link ReverseOnlyTunnels}), kept in step
 * on the driver's thread after each of its binding changes and hand-overs.
 *
 * <p>A {@link TunnelHolder} (a secondary home agent) installs tunnels for home addresses this table
 * does not hold; a reconcile or take-over keeps them, made while each holder holds still, so that
 * neither a reconcile removes them nor a Start or Stop of the holder's slips between the list and
 * the host.
 *
 * <p>The store is a dynamic reference, not a constructor argument: the store binds its listeners
 * (this component among them) while it activates, and a static reference back to it would be a
 * circle Declarative Services cannot close.
 */
@Component(service = BindingListener.class, immediate = true, configurationPid = DataPlaneConfig.PID)
public final class BindingTunnelDriver implements BindingListener, TunnelDriverStatus {

    private static final Logger LOG = LoggerFactory.getLogger(BindingTunnelDriver.class);

    private final DataPlane dataPlane;
    private final ReverseOnlyTunnels reverseOnly;
    private final boolean forwarding;
    private final ExecutorService worker;
    private final PendingTunnelChanges pending = new PendingTunnelChanges();
    /** True while a drain is queued on or running in the worker: one at a time, so one thread applies. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** What the host must be made to agree with before the next change; null when nothing. */
    private final AtomicReference<HostSync> hostSync = new AtomicReference<>();
    private final LongAdder calls = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder ignoredStandingBy = new LongAdder();
    private final LongAdder takeOvers = new LongAdder();
    private final Consumer<Boolean> watcher = this::servingChanged;
    private final Consumer<Inet4Address> delegationWatcher = this::delegationChanged;
    /** Home addresses whose delegation changed, for the driver's thread to make the host agree with. */
    private final Set<Inet4Address> handedOver = ConcurrentHashMap.newKeySet();
    /** Delegated home addresses (or ones just taken back) whose reverse-only bindings must follow the table. */
    private final Set<Inet4Address> reverseOnlyDue = ConcurrentHashMap.newKeySet();
    private final LongAdder delegationChanges = new LongAdder();
    private volatile DelegatedForwarding delegation;
    private final List<TunnelHolder> holders = new CopyOnWriteArrayList<>();
    private volatile BindingStore store;
    private volatile boolean serving;
    private volatile boolean stopping;

    /** How the host is made to agree with the table. */
    private enum HostSync {
        /** With the table, announcing only home addresses the host did not proxy yet (at start). */
        RECONCILE,
        /** With the table, announcing every home address (the node starts serving). */
        TAKE_OVER,
        /** With nothing (the node stands by). */
        STAND_BY
    }

    @Activate
    public BindingTunnelDriver(@Reference DataPlane dataPlane, DataPlaneConfig config) {
        this(dataPlane, !config.startStandingBy(), Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dataplane-driver");
            t.setDaemon(true);
            return t;
        }));
        if (dataPlane instanceof TunnelDriverStatus.Board board) {
            board.show(this);
        }
    }

    /**
     * @param serving whether the node serves until a {@link ServingAuthority} says otherwise
     * @param worker  runs the driver's drains, one at a time; a single thread in the appliance
     */
    BindingTunnelDriver(DataPlane dataPlane, boolean serving, ExecutorService worker) {
        this(dataPlane, dataPlane instanceof ReverseOnlyTunnels tunnels ? tunnels : ReverseOnlyTunnels.NONE, serving,
                worker);
    }

    /** @param reverseOnly where the reverse tunnels of delegated home addresses are admitted */
    BindingTunnelDriver(DataPlane dataPlane, ReverseOnlyTunnels reverseOnly, boolean serving, ExecutorService worker) {
        this.dataPlane = dataPlane;
        this.reverseOnly = reverseOnly;
        this.serving = serving;
        this.forwarding = dataPlane.status().forwarding();
        this.worker = worker;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindStore")
    void bindStore(BindingStore bound) {
        this.store = bound;
        sync(serving ? HostSync.RECONCILE : HostSync.STAND_BY);
    }

    void unbindStore(BindingStore unbound) {
        if (store == unbound) {
            store = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindAuthority")
    void bindAuthority(ServingAuthority authority) {
        authority.addWatcher(watcher);
        servingChanged(authority.serving());
    }

    void unbindAuthority(ServingAuthority authority) {
        authority.removeWatcher(watcher);
        LOG.info("serving authority gone: the data plane keeps {}", serving ? "serving" : "standing by");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindDelegation")
    void bindDelegation(DelegatedForwarding bound) {
        this.delegation = bound;
        bound.addWatcher(delegationWatcher);
    }

    void unbindDelegation(DelegatedForwarding unbound) {
        unbound.removeWatcher(delegationWatcher);
        if (delegation == unbound) {
            delegation = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindHolder")
    void bindHolder(TunnelHolder bound) {
        holders.add(bound);
    }

    void unbindHolder(TunnelHolder unbound) {
        holders.remove(unbound);
    }

    /** Whether this node forwards {@code home} (it is not delegated to another node). */
    private boolean forwardsHere(Inet4Address home) {
        DelegatedForwarding current = delegation;
        return current == null || !current.delegated(home);
    }

    /** On the delegating role's thread: the host follows on the driver's. */
    private void delegationChanged(Inet4Address home) {
        delegationChanges.increment();
        handedOver.add(home);
        if (forwarding) {
            wake();
        } else {
            applyHandOver(home);
        }
    }

    /** The host made to agree with the table for a home address that changed hands. */
    private void applyHandOver(Inet4Address home) {
        boolean here = forwardsHere(home);
        for (TunnelSpec tunnel : inTable(home)) {
            changed(tunnel.key(), here ? null : tunnel, here ? tunnel : null, false);
        }
        if (forwarding) {
            reverseOnlyDue.add(home);
        }
    }

    /** On the driver's thread: the reverse-only bindings of {@code home} made to agree with the table. */
    private void applyReverseOnly(Inet4Address home) {
        try {
            reverseOnly.admitReverseOnly(home, forwardsHere(home) ? List.of() : inTable(home));
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("data plane could not admit the reverse tunnels of delegated {}: {}", home.getHostAddress(),
                    e.toString());
        }
    }

    /** On the authority's thread: the host follows on the driver's. */
    private synchronized void servingChanged(boolean now) {
        if (now == serving) {
            return;
        }
        serving = now;
        LOG.info("data plane: {} -> {}", now ? "standing by" : "serving", now ? "serving" : "standing by");
        sync(now ? HostSync.TAKE_OVER : HostSync.STAND_BY);
    }

    /**
     * Asks for {@code wanted}: on the driver's thread when the data plane forwards, at once when it
     * only counts. A start's RECONCILE never replaces a state change not yet made.
     */
    private void sync(HostSync wanted) {
        hostSync.accumulateAndGet(wanted, (waiting, now) -> now == HostSync.RECONCILE && waiting != null ? waiting : now);
        if (forwarding) {
            wake();
        } else {
            syncHost();
        }
    }

    @Override
    public void bindingChanged(BindingEvent event) {
        if (!serving) {
            ignoredStandingBy.increment();
            return;
        }
        try {
            Binding binding = event.binding();
            if (!forwardsHere(binding.homeAddress())) {
                // another node forwards it: the host has nothing for it, and wants nothing; its care-of
                // address still tunnels back to us, so the reverse direction follows the binding
                if (forwarding) {
                    reverseOnlyDue.add(binding.homeAddress());
                    wake();
                }
                return;
            }
            switch (event.type()) {
                case ADDED -> changed(binding.key(), null, TunnelSpec.of(binding), false);
                case RENEWED -> {
                    TunnelSpec now = TunnelSpec.of(binding);
                    TunnelSpec before = event.previous().map(TunnelSpec::of).orElse(null);
                    if (!now.equals(before)) {
                        changed(binding.key(), before, now, false);
                    }
                }
                case REMOVED -> changed(binding.key(), TunnelSpec.of(binding), null,
                        event.reason().orElse(RemovalReason.CLEARED) == RemovalReason.REPLACED);
            }
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("data plane driver could not take {} of {} at {}: {}", event.type(),
                    event.binding().homeAddress().getHostAddress(), event.binding().careOfAddress().getHostAddress(),
                    e.toString());
        }
    }

    /**
     * @param installed the binding's tunnel before the change, null when it had none
     * @param wanted    the binding's tunnel after it, null when it is gone
     */
    private void changed(BindingKey key, TunnelSpec installed, TunnelSpec wanted, boolean replaced) {
        if (!forwarding) {
            call(wanted == null ? TunnelCall.remove(key) : TunnelCall.install(wanted));
            return;
        }
        pending.add(key, installed, wanted, replaced);
        wake();
    }

    /** Makes sure a drain will see what was just added (one is queued or running, or one is queued now). */
    private void wake() {
        if (!draining.get() && draining.compareAndSet(false, true)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // stopped: what waits is counted as left at stop, and the next start reconciles
                draining.set(false);
            }
        }
    }

    /** On the worker: a reconcile first when one is asked for, then home address after home address. */
    private void drain() {
        do {
            while (!stopping && applyNext()) {
                // next
            }
            draining.set(false);
            // a change added after the last look but before draining was false did not queue a drain
        } while (!stopping && hasWork() && draining.compareAndSet(false, true));
    }

    private boolean hasWork() {
        HostSync wanted = hostSync.get();
        boolean syncable = wanted == HostSync.STAND_BY || wanted != null && store != null;
        return syncable || !pending.isEmpty() || !handedOver.isEmpty() || !reverseOnlyDue.isEmpty();
    }

    /** @return false when nothing was waiting */
    private boolean applyNext() {
        if (syncHost()) {
            return true;
        }
        if (takeHandOver()) {
            return true;
        }
        if (takeReverseOnly()) {
            return true;
        }
        HomeAddressChanges changes = pending.take();
        if (changes == null) {
            return false;
        }
        if (!serving) {
            // came in just before the node stood by: the host was emptied since
            ignoredStandingBy.add(changes.changes());
            return true;
        }
        if (!forwardsHere(changes.home())) {
            // delegated since a change was queued (its forwardsHere answer is stale): the hand-over's
            // removal and this change may have come in either order, and only nothing is right now
            changes.handedAway();
        }
        List<TunnelCall> needed = changes.calls(this::inTable);
        needed.forEach(this::call);
        coalesced.add(changes.changes() - needed.size());
        return true;
    }

    /** @return false when no home address changed hands */
    private boolean takeHandOver() {
        var next = handedOver.iterator();
        if (!next.hasNext()) {
            return false;
        }
        Inet4Address home = next.next();
        handedOver.remove(home);
        if (serving) {
            applyHandOver(home);
        }
        return true;
    }

    /** @return false when no delegated home address's reverse direction was due */
    private boolean takeReverseOnly() {
        var next = reverseOnlyDue.iterator();
        if (!next.hasNext()) {
            return false;
        }
        Inet4Address home = next.next();
        reverseOnlyDue.remove(home);
        if (serving) {
            applyReverseOnly(home);
        }
        return true;
    }

    /** The home address's tunnels in the table now. */
    private List<TunnelSpec> inTable(Inet4Address home) {
        BindingStore table = store;
        return table == null ? List.of() : table.find(home).stream().map(TunnelSpec::of).toList();
    }

    /** @return false when no host sync was asked for (or the table it needs is not there yet) */
    private boolean syncHost() {
        HostSync wanted = hostSync.getAndSet(null);
        if (wanted == null) {
            return false;
        }
        BindingStore from = store;
        if (wanted == HostSync.STAND_BY) {
            call(TunnelCall.standBy());
            admitReverseOnly(List.of());
        } else if (from == null) {
            // no table yet: its arrival asks for a reconcile, which leaves a take-over asked for in place
            if (wanted == HostSync.TAKE_OVER) {
                hostSync.compareAndSet(null, wanted);
            }
            return false;
        } else {
            reconcile(from, wanted == HostSync.TAKE_OVER);
        }
        return true;
    }

    /**
     * The host made to agree with the whole table. Changes still waiting then start from what the
     * reconcile made, so that none of them is skipped as "never installed" when the reconcile
     * installed it, and none is asked again when the reconcile made it already.
     *
     * @param takeOver the node starts serving: every home address is announced, and the time it took said
     */
    private void reconcile(BindingStore from, boolean takeOver) {
        try {
            long start = System.nanoTime();
            Map<BindingKey, TunnelSpec> live = new LinkedHashMap<>();
            List<TunnelSpec> delegated = new ArrayList<>();
            from.forEachBinding(b -> {
                if (forwardsHere(b.homeAddress())) {
                    live.put(b.key(), TunnelSpec.of(b));
                } else {
                    delegated.add(TunnelSpec.of(b));
                }
            });
            pending.hostReconciled(live);
            withHolders(List.copyOf(holders), new ArrayList<>(live.values()), tunnels -> {
                if (takeOver) {
                    dataPlane.takeOver(tunnels);
                    takeOvers.increment();
                    LOG.info("data plane took over {} bindings and {} held tunnels in {} ms", live.size(),
                            tunnels.size() - live.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                } else {
                    dataPlane.reconcile(tunnels);
                    LOG.info("data plane reconciled with {} bindings and {} held tunnels in {} ms", live.size(),
                            tunnels.size() - live.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
            });
            admitReverseOnly(delegated);
        } catch (RuntimeException e) {
            LOG.error("{} the data plane with the binding table failed; carrying on with the events",
                    takeOver ? "taking over" : "reconciling", e);
        }
    }

    /** Runs {@code host} with the table's tunnels and every holder's, while each holder holds still. */
    private static void withHolders(List<TunnelHolder> left, List<TunnelSpec> tunnels, Consumer<List<TunnelSpec>> host) {
        if (left.isEmpty()) {
            host.accept(tunnels);
            return;
        }
        left.get(0).whileHeld(held -> {
            tunnels.addAll(held);
            withHolders(left.subList(1, left.size()), tunnels, host);
        });
    }

    /** Every delegated home address's reverse-only bindings at once (a reconcile, a take-over, standing by). */
    private void admitReverseOnly(List<TunnelSpec> delegated) {
        if (!forwarding) {
            return;
        }
        try {
            reverseOnly.admitReverseOnly(delegated);
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("data plane could not admit the reverse tunnels of {} delegated bindings: {}", delegated.size(),
                    e.toString());
        }
    }

    /** One call; a failure is logged and counted, and the next call goes on. */
    private void call(TunnelCall call) {
        try {
            call.call().accept(dataPlane);
            calls.increment();
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("data plane could not {}: {}", call.what(), e.toString());
        }
    }

    @Override
    public List<String> facts() {
        String driver = "binding driver: " + (serving ? "serving" : "standing by") + ", " + calls.sum()
                + " data plane calls, " + failed.sum() + " failed, " + coalesced.sum() + " binding changes coalesced, "
                + pending.homes() + " home addresses waiting, " + takeOvers.sum() + " take-overs, "
                + ignoredStandingBy.sum() + " changes ignored standing by";
        return delegation == null && delegationChanges.sum() == 0 ? List.of(driver)
                : List.of(driver, "delegation: " + delegationChanges.sum()
                        + " home addresses handed to or taken back from other nodes");
    }

    @Deactivate
    void stop() {
        if (dataPlane instanceof TunnelDriverStatus.Board board) {
            board.withdraw(this);
        }
        stopping = true;
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("data plane driver stopped: {} data plane calls, {} failed, {} binding changes coalesced, {} home"
                + " addresses left waiting (the next start reconciles)", calls.sum(), failed.sum(), coalesced.sum(),
                pending.homes());
    }
}
