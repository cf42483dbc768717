package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.hacn.Counters;
import net.homeagent.mip.api.ReverseTunnelAdmission;
import net.homeagent.mip.api.TunnelSpec;

/**
 * Has this box's data plane admit the reverse tunnels of the mobile nodes behind the control node
 * (docs/hacn.md, "Tunnels: one home agent address on the wire"). A mobile granted reverse
 * tunnelling tunnels to its home agent address (RFC 3024 §5.2), the public address this control
 * node owns, so its datagrams land here and not on the HA serving it; the data plane admits them by
 * the MBR (RFC 3024 §4.2.1: outer source the care-of address of a binding of the inner source's
 * home address with the T flag), which mip-api's {@link ReverseTunnelAdmission} takes.
 *
 * <p>The control node tells it, under its lock, each home address's admitted bindings at every
 * change of its MBR records, and whether it serves (only the active control node owns the public
 * address: a standby admits nothing). The calls to the data plane, which may take its lock, run on
 * {@code worker}, off the control node's lock; the changes waiting for it are coalesced per home
 * address (the last state wins), and a whole set (activation, serving or standing by, a new data
 * plane service, a failed call) replaces the per home address ones. Without a data plane service
 * nothing is admitted (logged once) until one comes, which is then given the whole set.
 */
final class ReverseTunnelFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ReverseTunnelFeed.class);

    private final Executor worker;
    private final Counters counters;
    /** Each home address's bindings with the T flag in the MBRs, whether served or not. */
    private final Map<Inet4Address, List<TunnelSpec>> wanted = new HashMap<>();
    private final Set<Inet4Address> due = new LinkedHashSet<>();
    private boolean wholeDue = true;
    private boolean serving;
    private boolean scheduled;
    private boolean closed;
    private ReverseTunnelAdmission admission;
    private boolean absenceLogged;

    /** @param worker runs the data plane's calls, one at a time and in order (a single thread) */
    ReverseTunnelFeed(Executor worker, Counters counters) {
        this.worker = worker;
        this.counters = counters;
    }

    /** The admitted bindings of {@code home} are {@code bindings} from now on (empty: none). */
    synchronized void home(Inet4Address home, List<TunnelSpec> bindings) {
        List<TunnelSpec> before = bindings.isEmpty() ? wanted.remove(home) : wanted.put(home, List.copyOf(bindings));
        if (serving && !bindings.equals(before == null ? List.of() : before)) {
            due.add(home);
            schedule();
        }
    }

    /** Whether this control node serves (active: owns the public address): every binding, or none. */
    synchronized void serving(boolean serves) {
        if (serving != serves) {
            serving = serves;
            wholeDue = true;
            schedule();
        }
    }

    /** The data plane's service came (or replaced another): the whole set goes to it. */
    synchronized void admission(ReverseTunnelAdmission service) {
        admission = service;
        absenceLogged = false;
        wholeDue = true;
        schedule();
    }

    /** The data plane's service went: nothing is admitted until another comes (its entries went with it). */
    synchronized void admissionGone(ReverseTunnelAdmission service) {
        if (admission == service) {
            admission = null;
        }
    }

    private void schedule() {
        if (!scheduled && !closed) {
            scheduled = true;
            worker.execute(this::drain);
        }
    }

    /** On the worker: what is due, outside this object's lock for the data plane's call. */
    private void drain() {
        ReverseTunnelAdmission to;
        List<TunnelSpec> whole = null;
        Map<Inet4Address, List<TunnelSpec>> homes = new LinkedHashMap<>();
        synchronized (this) {
            scheduled = false;
            to = admission;
            if (to == null) {
                wholeDue = true;
                due.clear();
                if (!absenceLogged) {
                    absenceLogged = true;
                    LOG.warn("no data plane (mip-api ReverseTunnelAdmission): reverse tunnels of the mobile nodes to the"
                            + " public address are not admitted on this box until one comes");
                }
                return;
            }
            if (wholeDue) {
                whole = new ArrayList<>();
                if (serving) {
                    for (List<TunnelSpec> bindings : wanted.values()) {
                        whole.addAll(bindings);
                    }
                }
                wholeDue = false;
            } else {
                for (Inet4Address home : due) {
                    homes.put(home, wanted.getOrDefault(home, List.of()));
                }
            }
            due.clear();
        }
        try {
            if (whole != null) {
                to.admitOnly(whole);
                counters.increment("reverse-tunnel-whole-sets");
                LOG.info("reverse tunnels to the public address: {} bindings admitted", whole.size());
            } else {
                homes.forEach(to::admit);
                counters.add("reverse-tunnel-updates", homes.size());
            }
        } catch (RuntimeException e) {
            // the whole set again at the next change: the data plane's state is not known now
            counters.increment("reverse-tunnel-failures");
            LOG.warn("the data plane refused the reverse tunnels to the public address: {}", e.toString());
            synchronized (this) {
                wholeDue = true;
            }
        }
    }

    /**
     * The control node stops: the data plane admits none of its bindings any more (it no longer
     * owns the public address), and nothing is scheduled after. Call after the worker stopped.
     */
    void close() {
        ReverseTunnelAdmission to;
        synchronized (this) {
            closed = true;
            to = admission;
        }
        if (to != null) {
            try {
                to.admitOnly(List.of());
            } catch (RuntimeException e) {
                LOG.warn("could not withdraw the reverse tunnels to the public address: {}", e.toString());
            }
        }
    }
}
