package net.homeagent.group;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import net.homeagent.peer.PeerNode;

/**
 * Which changes of each sender's current term a receiver got (docs/redundancy.md, "Gap repair"):
 * the link neither orders nor deduplicates, so changes of one term arrive in any order; a gap that
 * stays open longer than the link's retransmission should take means the link gave up, and the
 * receiver asks the sender for the missing range. One stream per sender, of the highest term heard
 * from it: a lower term's change is a previous term's late one and has nothing to repair. Changes
 * arrive on the link's thread, the repair timer runs on the group's, hence the lock.
 */
final class SequenceGaps {

    /** Changes {@code first} to {@code last} of {@code sender}'s {@code term} are missing. */
    record Gap(PeerNode sender, long term, long first, long last) {
    }

    private static final class Stream {
        private PeerNode sender;
        private final long term;
        /** Every change up to this one arrived (or was covered by a learned table). */
        private long contiguous;
        private final TreeSet<Long> above = new TreeSet<>();
        /** Since when the first gap has been open (or was last asked for). */
        private Instant gapSince;

        Stream(PeerNode sender, long term) {
            this.sender = sender;
            this.term = term;
        }

        void advance() {
            while (!above.isEmpty() && above.first() <= contiguous + 1) {
                contiguous = Math.max(contiguous, above.pollFirst());
            }
            if (above.isEmpty()) {
                gapSince = null;
            }
        }
    }

    private final Map<Integer, Stream> streams = new HashMap<>();

    /** Change {@code sequence} of {@code sender}'s {@code term} arrived (applied or not). */
    synchronized void received(PeerNode sender, long term, long sequence, Instant now) {
        Stream stream = stream(sender, term);
        if (stream == null || sequence <= stream.contiguous) {
            return;
        }
        if (sequence == stream.contiguous + 1 && stream.above.isEmpty()) {
            stream.contiguous = sequence; // in order: the usual case
            return;
        }
        stream.above.add(sequence);
        stream.advance();
        if (!stream.above.isEmpty() && stream.gapSince == null) {
            stream.gapSince = now;
        }
    }

    /** A learned table holds {@code sender}'s changes of {@code term} up to {@code sequence}. */
    synchronized void learned(PeerNode sender, long term, long sequence) {
        Stream stream = stream(sender, term);
        if (stream != null && sequence > stream.contiguous) {
            stream.contiguous = sequence;
            stream.above.headSet(sequence, true).clear();
            stream.advance();
        }
    }

    /** The stream of {@code sender}'s {@code term}: a new one for a higher term, none for a lower one. */
    private Stream stream(PeerNode sender, long term) {
        Stream stream = streams.get(sender.nodeId());
        if (stream == null || term > stream.term) {
            stream = new Stream(sender, term);
            streams.put(sender.nodeId(), stream);
        }
        if (term < stream.term) {
            return null;
        }
        stream.sender = sender;
        return stream;
    }

    /**
     * The first gap of each stream open for at least {@code wait}; each is due again after another
     * {@code wait} if the repair did not fill it. Streams of terms below {@code highestTerm} are
     * forgotten: their changes are ignored anyway.
     */
    synchronized List<Gap> due(Instant now, Duration wait, long highestTerm) {
        streams.values().removeIf(stream -> stream.term < highestTerm);
        List<Gap> due = new ArrayList<>();
        Instant before = now.minus(wait);
        for (Stream stream : streams.values()) {
            if (stream.gapSince != null && !stream.gapSince.isAfter(before)) {
                due.add(new Gap(stream.sender, stream.term, stream.contiguous + 1, stream.above.first() - 1));
                stream.gapSince = now;
            }
        }
        return due;
    }
}
