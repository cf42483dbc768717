package net.homeagent.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

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
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.TunnelSpec;

/**
 * Drives the {@link DataPlane} from the binding table: ADDED installs, a RENEWED binding whose
 * tunnel changed is installed again, REMOVED removes, and a binding REPLACED by one at another
 * care-of address (a mobile node that moved, RFC 5944 §3.6.1.2) is an update, so the home address
 * is never without a route. Events arrive on the registering thread at up to ~100,000/s; they are
 * only queued there, and one thread of its own does the work, in the order the store made the
 * changes. When the binding store arrives it reconciles the host with every binding in the table
 * (the store restores its backup before), so a crash leaves nothing stale behind.
 *
 * <p>A data plane that does not forward (configured off, or without privileges; it stays so for its
 * life, as a configuration change makes a new one and so a new driver) only counts what it was
 * asked: such events are handed to it on the registering thread, without the queue and the move
 * lookup, because at 100,000 registrations a second the queue alone cost a tenth of a core.
 *
 * <p>The store is a dynamic reference, not a constructor argument: the store binds its listeners
 * (this component among them) while it activates, and a static reference back to it would be a
 * circle Declarative Services cannot close.
 */
@Component(service = BindingListener.class, immediate = true)
public final class BindingTunnelDriver implements BindingListener {

    private static final Logger LOG = LoggerFactory.getLogger(BindingTunnelDriver.class);

    private final DataPlane dataPlane;
    private final boolean forwarding;
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private volatile BindingStore store;
    private final LongAdder applied = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Thread worker;
    private volatile boolean running = true;

    @Activate
    public BindingTunnelDriver(@Reference DataPlane dataPlane) {
        this.dataPlane = dataPlane;
        this.forwarding = dataPlane.status().forwarding();
        this.worker = new Thread(this::work, "dataplane-driver");
        worker.setDaemon(true);
        worker.start();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unbindStore")
    void bindStore(BindingStore bound) {
        this.store = bound;
        if (forwarding) {
            work.add(() -> reconcile(bound));
        } else {
            reconcile(bound);
        }
    }

    void unbindStore(BindingStore unbound) {
        if (store == unbound) {
            store = null;
        }
    }

    @Override
    public void bindingChanged(BindingEvent event) {
        if (forwarding) {
            work.add(() -> apply(event));
        } else {
            apply(event);
        }
    }

    private void work() {
        while (running) {
            Runnable next;
            try {
                next = work.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next != null) {
                next.run();
            }
        }
    }

    /** Events queued before this one are applied already; those after it are idempotent with it. */
    private void reconcile(BindingStore from) {
        try {
            List<TunnelSpec> live = new ArrayList<>(from.size());
            from.forEachBinding(b -> live.add(TunnelSpec.of(b)));
            dataPlane.reconcile(live);
        } catch (RuntimeException e) {
            LOG.error("reconciling the data plane with the binding table failed; carrying on with the events", e);
        }
    }

    /** One event; a failure is logged and counted, and the next event goes on. */
    void apply(BindingEvent event) {
        try {
            Binding binding = event.binding();
            switch (event.type()) {
                case ADDED -> dataPlane.install(TunnelSpec.of(binding));
                case RENEWED -> {
                    TunnelSpec now = TunnelSpec.of(binding);
                    if (event.previous().map(TunnelSpec::of).filter(now::equals).isEmpty()) {
                        dataPlane.install(now);
                    }
                }
                case REMOVED -> removed(binding, event.reason().orElse(RemovalReason.CLEARED));
            }
            applied.increment();
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("data plane could not apply {} of {} at {}: {}", event.type(),
                    event.binding().homeAddress().getHostAddress(), event.binding().careOfAddress().getHostAddress(),
                    e.toString());
        }
    }

    private void removed(Binding binding, RemovalReason reason) {
        if (reason == RemovalReason.REPLACED && forwarding) {
            // the store announces REPLACED before the ADDED of the binding that replaced it
            BindingStore table = store;
            List<Binding> now = table == null ? List.of() : table.find(binding.homeAddress());
            if (!now.isEmpty() && !now.get(0).careOfAddress().equals(binding.careOfAddress())) {
                dataPlane.update(binding.key(), TunnelSpec.of(now.get(0)));
                return;
            }
        }
        dataPlane.remove(binding.key());
    }


    @Deactivate
    void stop() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("data plane driver stopped: {} binding changes applied, {} failed, {} left queued", applied.sum(),
                failed.sum(), work.size());
    }
}
