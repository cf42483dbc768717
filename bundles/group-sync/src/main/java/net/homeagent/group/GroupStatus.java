package net.homeagent.group;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The member as the operator sees it ({@code group:status}, {@code group:members}, {@code group:stats}).
 * A service inside this bundle only: the shell package is this bundle's too.
 */
public interface GroupStatus {

    Snapshot snapshot();

    /**
     * @param term           the highest term this member knows (its own while active)
     * @param lastSequence   the sequence number of the last change this member sent, in its last term as active
     * @param unacknowledged home addresses whose last change a member has not acknowledged yet
     */
    record Snapshot(int nodeId, MemberState state, String vrrpInstance, String virtualAddress, boolean passive,
            boolean replyWaitsForGroup, long term, long lastSequence, long tombstones, int unacknowledged, List<Member> members,
            Optional<LastLearn> lastLearn, Map<String, Long> counters) {
    }

    /**
     * @param lag     changes sent to it and not yet acknowledged
     * @param lagged  replies that stopped waiting for it
     * @param lagging it missed a reply's deadline and has not acknowledged anything since
     */
    record Member(int nodeId, String address, MemberState state, Duration sinceHeard, boolean alive, long sent,
            long lag, long failed, long lagged, boolean lagging) {
    }

    /** @param from the responder's node id; empty when nobody answered (alone) */
    record LastLearn(Instant at, Optional<Integer> from, int chunks, long bindings, long keptNewer, long removed,
            Duration took, Duration importing) {
    }
}
