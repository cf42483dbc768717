package net.homeagent.mip.api.management;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The redundancy group member of this node as a manager sees it (docs/redundancy.md, "Operator"; the
 * SNMP agent serves it as HOMEAGENT-MIB's hamGroup): read-only, one consistent picture per call.
 * Provided by the group-sync bundle only while the node is a group member; no service, no member.
 */
@ProviderType
public interface RedundancyGroupView {

    /** The role (source) of the member's ROLE_CHANGED appliance events, whose details add its node id. */
    String ROLE = "group-member";

    /** The member now: its own state, its replication figures and every member it knows. */
    Group group();

    /** A member's state (docs/redundancy.md, "Member states"). */
    enum State {
        INIT, LEARN, STANDBY, ACTIVE, PASSIVE;

        /** The state a label names ({@code standby}, as the logs and the appliance events write it), if any. */
        public static Optional<State> ofLabel(String label) {
            for (State state : values()) {
                if (state.name().equalsIgnoreCase(label)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param nodeId             this member's node id on the peer link
     * @param virtualAddress     the group's virtual address as configured; empty when not configured
     * @param lastSequence       the sequence number of the last change this member sent
     * @param awaitingAcks       home addresses whose last change a member has not acknowledged yet
     * @param tombstones         deleted home addresses remembered so that a late add cannot bring them back
     * @param lastLearn          the last learn this member made; empty before the first one ended
     * @param members            every member this member knows, itself included, by node id
     */
    record Group(int nodeId, State state, String vrrpInstance, String virtualAddress,
            boolean replyWaitsForGroup, long lastSequence, int awaitingAcks, long tombstones,
            Optional<LastLearn> lastLearn, Counters counters, List<Member> members) {

        public Group {
            members = List.copyOf(members);
        }
    }

    /**
     * @param address    where the member is reached on the peer link, {@code 192.0.2.12:7434} (this member:
     *                   where it listens)
     * @param sinceHeard how long ago it was last heard (this member: zero)
     * @param sent       changes sent to it
     * @param lag        changes sent to it and not yet acknowledged
     * @param failed     changes the link gave up delivering to it
     * @param lagging    a reply stopped waiting for it and it has not acknowledged anything since
     */
    record Member(int nodeId, String address, State state, Duration sinceHeard, long sent,
            long lag, long failed, boolean lagging) {
    }

    /** @param from the responder's node id; empty when nobody answered and the member serves its own backup */
    record LastLearn(Instant at, OptionalInt from, int chunks, long bindings, Duration took) {
    }

    /**
     * @param changesSent    binding changes this member sent to the group
     * @param changesApplied binding changes of other members applied here
     * @param learns         learns completed, from a responder or alone
     * @param lagged         times a reply stopped waiting for a member that had not acknowledged (one per member)
     * @param dropped        group messages dropped (malformed, foreign, before the member started)
     */
    record Counters(long changesSent, long changesApplied, long learns, long lagged, long dropped) {
    }
}
