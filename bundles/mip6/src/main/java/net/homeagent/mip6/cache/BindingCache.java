package net.homeagent.mip6.cache;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The home agent's binding cache of home registrations (RFC 6275 §9.1, §10.1), keyed by home
 * address, in memory, every change written to its {@link CacheBackup} before it takes effect: a
 * change whose backup write fails is not made, and the caller answers the mobile node with a
 * rejection. Readers (shell, recovery, the signalling path) never block on a writer.
 * Writers are serialized by the caller's single signalling thread and the expiry tick; the
 * methods that change an entry are synchronized so that the backup's order is the memory's.
 */
public final class BindingCache {

    private static final Comparator<Mip6Binding> BY_HOME = (a, b) ->
            Arrays.compareUnsigned(a.homeAddress().getAddress(), b.homeAddress().getAddress());

    private final ConcurrentHashMap<Inet6Address, Mip6Binding> entries = new ConcurrentHashMap<>();
    private final CacheBackup backup;
    /** told the home address of every entry added, replaced or removed, after the change */
    private volatile Consumer<Inet6Address> observer = home -> { };

    public BindingCache(CacheBackup backup) {
        this.backup = backup;
    }

    /**
     * Who is told of every change from now on (one at a time: the home link's proxy, which looks
     * the address up again when it acts); it must return at once.
     */
    public void observe(Consumer<Inet6Address> changed) {
        observer = changed;
    }

    public Optional<Mip6Binding> get(Inet6Address homeAddress) {
        return Optional.ofNullable(entries.get(homeAddress));
    }

    public int size() {
        return entries.size();
    }

    /** Every entry, ordered by home address. */
    public List<Mip6Binding> list() {
        List<Mip6Binding> all = new ArrayList<>(entries.values());
        all.sort(BY_HOME);
        return all;
    }

    /** Adds or replaces the entry of {@code binding}'s home address, backup first. */
    public synchronized void put(Mip6Binding binding) throws IOException {
        backup.put(binding);
        entries.put(binding.homeAddress(), binding);
        observer.accept(binding.homeAddress());
    }

    /** Removes the entry of {@code homeAddress}, backup first; what was there, if anything. */
    public synchronized Optional<Mip6Binding> remove(Inet6Address homeAddress) throws IOException {
        if (!entries.containsKey(homeAddress)) {
            return Optional.empty();
        }
        backup.remove(homeAddress);
        Optional<Mip6Binding> removed = Optional.ofNullable(entries.remove(homeAddress));
        observer.accept(homeAddress);
        return removed;
    }

    /**
     * Binding recovery gives up on {@code expected}, a restored entry whose mobile node stayed
     * silent: it goes from memory and from the backup, unless a Binding Update replaced it meanwhile
     * (then the newer entry stays). An entry that was restored without forwarding is in the backup
     * only, and goes from there.
     *
     * @return whether it was deleted
     */
    public synchronized boolean deleteRestored(Mip6Binding expected) throws IOException {
        Mip6Binding current = entries.get(expected.homeAddress());
        if (current != null && !current.equals(expected)) {
            return false;
        }
        backup.remove(expected.homeAddress());
        entries.remove(expected.homeAddress());
        observer.accept(expected.homeAddress());
        return true;
    }

    /** Puts what the backup held back into memory at start, without writing it again. */
    public synchronized void restore(Collection<Mip6Binding> restored) {
        for (Mip6Binding binding : restored) {
            entries.put(binding.homeAddress(), binding);
            observer.accept(binding.homeAddress());
        }
    }

    /**
     * Removes the entries whose lifetime ran out (RFC 6275 §10.3.1: the entry is deleted at the end
     * of its lifetime). Not written to the backup: an expired entry is dropped again when the backup
     * is read. A scan of the cache, once a second; fine for the tens of thousands this slice is
     * tested with (docs/mip6.md).
     */
    public synchronized List<Mip6Binding> expireDue(long nowMillis) {
        List<Mip6Binding> expired = new ArrayList<>();
        entries.values().removeIf(binding -> {
            if (binding.expiredAt(nowMillis)) {
                expired.add(binding);
                return true;
            }
            return false;
        });
        expired.forEach(binding -> observer.accept(binding.homeAddress()));
        return expired;
    }
}
