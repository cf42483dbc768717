package net.homeagent.hacn.control;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The ids a control node gives its forwarded requests and its snapshot, download and learn
 * transfers. They start at a random value, not at 1, in each life of the control node: an HA's peer
 * link goes on retransmitting what it sent to the control node's previous life until its give-up
 * time (10 s by default), and a reply or chunk of that life must not match an id of this one (a
 * reply handed to another mobile's request, a snapshot mixed from two listings). Not thread-safe:
 * each user calls it under its own lock.
 */
final class IdSequence {

    private long last = ThreadLocalRandom.current().nextLong();

    /** The next id, for a 64-bit field on the wire. */
    long nextLong() {
        return ++last;
    }

    /** The next id, for a 32-bit field on the wire (wraps). */
    int nextInt() {
        return (int) ++last;
    }
}
