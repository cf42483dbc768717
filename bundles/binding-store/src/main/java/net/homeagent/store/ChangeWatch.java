package net.homeagent.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The home addresses changed by registrations and removals since a snapshot import began, so that
 * the import leaves them as they are: such a change is newer than the snapshot, and it may have been
 * acknowledged to its mobile node. A change notes its home address under that address's lock, and
 * the import looks under the same lock, so there is no moment between the look and the write.
 */
final class ChangeWatch {

    private final Set<Integer> changed = ConcurrentHashMap.newKeySet();

    void changed(int home) {
        changed.add(home);
    }

    boolean hasChanged(int home) {
        return changed.contains(home);
    }
}
