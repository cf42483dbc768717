package net.homeagent.store;

import java.net.Inet4Address;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Striped locks that make every operation on one home address atomic and keep its events in
 * the order of its changes: a change and the delivery of its events happen under the lock of
 * the home address. Different home addresses mostly take different stripes, so registrations of
 * different mobile nodes run in parallel. The locks are re-entrant, so a listener may call back
 * into the store for the same home address.
 */
final class HomeAddressLocks {

    private static final int STRIPES = 1024;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    HomeAddressLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T withLock(Inet4Address homeAddress, Supplier<T> action) {
        ReentrantLock lock = stripeOf(homeAddress);
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock stripeOf(Inet4Address homeAddress) {
        int h = homeAddress.hashCode();
        return stripes[(h ^ h >>> 16) & (STRIPES - 1)];
    }
}
