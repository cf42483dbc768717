package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.DelegatedForwarding;

/**
 * The PHA's answer to its own data plane ({@link DelegatedForwarding}): a home address an SHA acked
 * is delegated, and the data plane stops intercepting it; one taken back is the data plane's again,
 * which installs and announces it.
 */
public final class LocalInterception implements DelegatedForwarding {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInterception.class);

    private final Set<Inet4Address> delegated = ConcurrentHashMap.newKeySet();
    private final List<Consumer<Inet4Address>> watchers = new CopyOnWriteArrayList<>();

    /** An SHA forwards {@code home} now. */
    void delegate(Inet4Address home) {
        if (delegated.add(home)) {
            tell(home);
        }
    }

    /** The PHA forwards {@code home} again. */
    void takeBack(Inet4Address home) {
        if (delegated.remove(home)) {
            tell(home);
        }
    }

    private void tell(Inet4Address home) {
        for (Consumer<Inet4Address> watcher : watchers) {
            try {
                watcher.accept(home);
            } catch (RuntimeException e) {
                LOG.warn("a delegation watcher failed for {}: {}", home.getHostAddress(), e.toString());
            }
        }
    }

    @Override
    public boolean delegated(Inet4Address homeAddress) {
        return delegated.contains(homeAddress);
    }

    public int size() {
        return delegated.size();
    }

    /**
     * A watcher added is told at once each home address delegated already: until then its data plane
     * took every home address for its own, and after a restart it may have installed (and announced)
     * the ones a checkpoint gave back to their SHAs before this service was there.
     */
    @Override
    public void addWatcher(Consumer<Inet4Address> watcher) {
        watchers.add(watcher);
        for (Inet4Address home : List.copyOf(delegated)) {
            try {
                watcher.accept(home);
            } catch (RuntimeException e) {
                LOG.warn("a delegation watcher failed for {}: {}", home.getHostAddress(), e.toString());
            }
        }
    }

    @Override
    public void removeWatcher(Consumer<Inet4Address> watcher) {
        watchers.remove(watcher);
    }
}
