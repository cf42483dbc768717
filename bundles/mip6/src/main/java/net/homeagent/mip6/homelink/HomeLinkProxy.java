package net.homeagent.mip6.homelink;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;

/**
 * Intercepts the home addresses of the home agent's bindings on a home link shared with other
 * nodes (RFC 6275 §10.4.1): for each bound home address the host answers Neighbor Solicitations
 * with its own link-layer address (Linux's proxy Neighbor Discovery: no Duplicate Address
 * Detection for it, §10.4.1 asks none), routes the address into the signalling device, where the
 * tunnel forwarder takes what arrives, and the home agent multicasts an unsolicited Neighbor
 * Advertisement with the Override flag, {@value #ADVERTISEMENTS} times {@value #RETRANS_TIMER_MILLIS}
 * ms apart (MAX_NEIGHBOR_ADVERTISEMENT and RetransTimer of RFC 4861 §10), so that the link's
 * neighbour caches forget the mobile node's own link-layer address; all of them paced at a
 * configured rate ({@link AdvertisementPacer}). An address whose binding ends is no longer proxied
 * nor routed.
 *
 * <p>The binding cache tells each change ({@link #changed}, on the signalling thread, O(1)); the
 * host is brought in line on this proxy's own thread, all changes since the last time in one batch
 * of {@code ip} commands. At start the host's proxy entries on the interface are read: after a
 * kill -9 they are still there (kernel state outlives the process) while their routes went with
 * the old device; those whose binding came back are proxied and routed again (and advertised),
 * the others removed.
 */
public final class HomeLinkProxy implements AutoCloseable {

    /** What the proxy needs of the host (Linux: {@code linux.LinuxHomeLink}). */
    public interface Host {

        /** The proxy entries on the home interface now. */
        List<Inet6Address> proxies() throws IOException;

        /** Proxies and routes {@code add}, withdraws {@code remove}; returns how many changes failed. */
        int apply(List<Inet6Address> add, List<Inet6Address> remove) throws IOException;

        /** The home interface's link-layer address. */
        byte[] hardwareAddress();

        /** Multicasts an ICMPv6 message (checksum left 0) to all nodes of the home link. */
        void multicast(byte[] icmpv6Message) throws IOException;
    }

    static final int ADVERTISEMENTS = 3;
    public static final long RETRANS_TIMER_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(HomeLinkProxy.class);

    private final Predicate<Inet6Address> bound;
    private final Host host;
    private final ScheduledExecutorService executor;
    private final long advertisementGapMillis;
    private final AdvertisementPacer pacer;
    private final Mip6Counters counters;
    private final Set<Inet6Address> marked = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** what the host proxies for us; changed on the proxy's thread only, its size read by the shell */
    private final Set<Inet6Address> proxied = ConcurrentHashMap.newKeySet();
    /** the host's proxy entries found at start, not yet looked at; the proxy's thread only */
    private final Set<Inet6Address> leftOvers = new HashSet<>();

    /**
     * @param bound                  whether the home agent's binding cache holds the address now
     * @param executor               a single thread of the proxy's own
     * @param advertisementGapMillis between the advertisements of one address: {@link #RETRANS_TIMER_MILLIS}
     * @param advertisementsPerSecond at most, all addresses together
     */
    public HomeLinkProxy(Predicate<Inet6Address> bound, Host host, ScheduledExecutorService executor,
            long advertisementGapMillis, double advertisementsPerSecond, Mip6Counters counters) {
        this.bound = bound;
        this.host = host;
        this.executor = executor;
        this.advertisementGapMillis = advertisementGapMillis;
        this.pacer = new AdvertisementPacer(advertisementsPerSecond, System::nanoTime);
        this.counters = counters;
    }

    /** Takes over the host's proxy entries and the bindings the cache holds already. */
    public void start(List<Inet6Address> bindings) throws IOException {
        List<Inet6Address> found = host.proxies();
        executor.execute(() -> leftOvers.addAll(found));
        marked.addAll(found);
        marked.addAll(bindings);
        schedule();
    }

    /** The binding of {@code homeAddress} was added, replaced or removed. */
    public void changed(Inet6Address homeAddress) {
        marked.add(homeAddress);
        schedule();
    }

    /** How many home addresses the host proxies for the home agent. */
    public int proxied() {
        return proxied.size();
    }

    private void schedule() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false); // closing
            }
        }
    }

    /** Brings the host in line with the bindings for every address marked since the last time. */
    void drain() {
        drainScheduled.set(false);
        List<Inet6Address> add = new ArrayList<>();
        List<Inet6Address> remove = new ArrayList<>();
        for (Inet6Address address : List.copyOf(marked)) {
            marked.remove(address);
            boolean leftOver = leftOvers.remove(address);
            boolean shouldProxy = bound.test(address);
            if (shouldProxy && !proxied.contains(address)) {
                add.add(address);
            } else if (!shouldProxy && (proxied.contains(address) || leftOver)) {
                remove.add(address);
            }
        }
        if (add.isEmpty() && remove.isEmpty()) {
            return;
        }
        try {
            int failed = host.apply(add, remove);
            if (failed > 0) {
                counters.count(Counter.PROXY_FAILED, failed);
                LOG.warn("home link: {} of {} proxy changes refused by the host (ip -batch)", failed,
                        add.size() + remove.size());
            }
        } catch (IOException e) {
            counters.count(Counter.PROXY_FAILED, add.size() + remove.size());
            LOG.warn("home link: {} proxy changes not made: {}", add.size() + remove.size(), e.getMessage());
            // tried again at the next change of each address, or the next start
            return;
        }
        proxied.addAll(add);
        remove.forEach(proxied::remove);
        counters.count(Counter.PROXY_ADDED, add.size());
        counters.count(Counter.PROXY_REMOVED, remove.size());
        for (Inet6Address address : add) {
            for (int sent = 0; sent < ADVERTISEMENTS; sent++) {
                long delay = pacer.reserveMillis() + sent * advertisementGapMillis;
                try {
                    executor.schedule(() -> advertise(address), delay, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    return; // closing
                }
            }
        }
    }

    /** Sends one advertisement for the address, if it is still proxied. */
    private void advertise(Inet6Address address) {
        if (!proxied.contains(address)) {
            return;
        }
        try {
            host.multicast(ProxyAdvertisement.encode(address, host.hardwareAddress()));
            counters.count(Counter.ADVERTISEMENTS_SENT);
        } catch (IOException e) {
            counters.count(Counter.ADVERTISEMENTS_FAILED);
            LOG.debug("home link: Neighbor Advertisement for {} not sent: {}", address.getHostAddress(), e.getMessage());
        }
    }

    /**
     * Withdraws every proxy entry (an orderly stop: the home agent no longer intercepts; after a
     * kill -9 the next start does it) and stops the proxy's thread.
     */
    @Override
    public void close() {
        try {
            executor.submit(() -> {
                marked.clear();
                if (!proxied.isEmpty()) {
                    try {
                        host.apply(List.of(), List.copyOf(proxied));
                    } catch (IOException e) {
                        LOG.warn("home link: proxy entries not withdrawn at stop: {}", e.getMessage());
                    }
                    proxied.clear();
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("home link: proxy entries not withdrawn at stop: {}", e.toString());
        }
        executor.shutdownNow();
    }
}
