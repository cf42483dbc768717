package net.homeagent.store;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A hashed timer wheel of one-second slots holding packed binding keys ({@link BindingRecord#keyOf}),
 * so that expiry never scans the table: a tick looks only at the slots of the seconds that passed.
 * <p>
 * {@value #SLOTS} slots cover the longest finite lifetime of RFC 5944 §3.3 (0xfffe s), so every slot
 * holds keys of exactly one second; a key due further out than that (a lagging tick, or an unusual
 * caller) waits in an ordered overflow map and moves into its slot when it comes within reach.
 * <p>
 * Entries are never searched for or removed: a renewal or removal leaves its old entry behind, and
 * whoever handles a due key checks the binding as it is now. So scheduling is O(1) (an append under
 * a short lock) and the wheel costs 8 bytes per entry (up to 12 with the slack of a growing array),
 * plus, per renewal, the 8 bytes of the stale entry until its old second passes. The slot table
 * itself is {@value #SLOTS} references (256 KiB with compressed oops), allocated once.
 */
final class ExpiryWheel {

    static final int SLOTS = 1 << 16;

    /** Handles one due key; returns whether it expired a binding. */
    @FunctionalInterface
    interface DueKeyHandler {
        /**
         * @param slotSecond the epoch second the entry was due at: a binding whose expiry second is
         *                   later than that was renewed, and this entry is stale
         */
        boolean onDue(long packedKey, long slotSecond);
    }

    private record DueBatch(long second, LongBag keys) {
    }

    private final LongBag[] slots = new LongBag[SLOTS];
    private final TreeMap<Long, LongBag> beyondHorizon = new TreeMap<>();
    /** The earliest second whose slot may still hold due keys; processed again on every advance. */
    private long cursor;
    private long entries;

    ExpiryWheel(long startSecond) {
        this.cursor = startSecond;
    }

    /** Adds {@code packedKey} to the slot of epoch second {@code second}; a past second means the next tick. */
    synchronized void schedule(long packedKey, long second) {
        long at = Math.max(second, cursor);
        LongBag bag = at - cursor < SLOTS ? slotOf(at) : beyondHorizon.computeIfAbsent(at, s -> new LongBag());
        bag.add(packedKey);
        entries++;
    }

    /**
     * Takes every entry due at or before epoch second {@code second} and hands each to {@code handler},
     * outside the wheel's lock (the handler may {@link #schedule} again). A clock that steps back does
     * not rewind the wheel.
     *
     * @return how many due keys the handler reported as expired
     */
    int advanceTo(long second, DueKeyHandler handler) {
        int expired = 0;
        for (DueBatch batch : takeDue(second)) {
            for (int i = 0; i < batch.keys().size(); i++) {
                if (handler.onDue(batch.keys().get(i), batch.second())) {
                    expired++;
                }
            }
        }
        return expired;
    }

    /** Entries waiting, stale ones included. */
    synchronized long entries() {
        return entries;
    }

    private synchronized List<DueBatch> takeDue(long second) {
        long target = Math.max(second, cursor);
        List<DueBatch> due = new ArrayList<>();
        // A jump of more than a turn visits each slot once: every entry in the wheel is then due.
        for (long s = Math.max(cursor, target - SLOTS + 1); s <= target; s++) {
            int i = indexOf(s);
            if (slots[i] != null) {
                due.add(new DueBatch(s, slots[i]));
                slots[i] = null;
            }
        }
        NavigableMap<Long, LongBag> overdue = beyondHorizon.headMap(target, true);
        overdue.forEach((s, keys) -> due.add(new DueBatch(s, keys)));
        overdue.clear();

        cursor = target;
        NavigableMap<Long, LongBag> nowInReach = beyondHorizon.headMap(cursor + SLOTS, false);
        nowInReach.forEach(this::addToSlot);
        nowInReach.clear();

        due.forEach(batch -> entries -= batch.keys().size());
        return due;
    }

    private void addToSlot(long second, LongBag keys) {
        int i = indexOf(second);
        if (slots[i] == null) {
            slots[i] = keys;
        } else {
            slots[i].addAll(keys);
        }
    }

    private LongBag slotOf(long second) {
        int i = indexOf(second);
        if (slots[i] == null) {
            slots[i] = new LongBag();
        }
        return slots[i];
    }

    private static int indexOf(long second) {
        return (int) (second & (SLOTS - 1));
    }
}
