package net.homeagent.group;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import net.homeagent.mip.api.management.RedundancyGroupView;
import net.homeagent.peer.PeerLink;

/**
 * The member as mip-api's {@link RedundancyGroupView}, for the SNMP agent (HOMEAGENT-MIB hamGroup), read
 * from the same {@link GroupStatus} snapshot the {@code group:*} commands show. A component of its own
 * over the member's {@code GroupStatus} service: it exists exactly while the member does, and the
 * member's component needs to know nothing of it. The member list adds this member itself to the
 * others it knows, so a manager sees the whole group from any member.
 */
@Component(service = RedundancyGroupView.class)
public final class GroupView implements RedundancyGroupView {

    private final GroupStatus status;
    private final PeerLink link;

    @Activate
    public GroupView(@Reference(name = "status") GroupStatus status, @Reference(name = "link") PeerLink link) {
        this.status = status;
        this.link = link;
    }

    @Override
    public Group group() {
        return of(status.snapshot(), link.status().listening());
    }

    static Group of(GroupStatus.Snapshot s, InetSocketAddress listening) {
        List<Member> members = new ArrayList<>();
        members.add(new Member(s.nodeId(), listening.getAddress().getHostAddress() + ":" + listening.getPort(),
                state(s.state()), Duration.ZERO, 0, 0, 0, false));
        s.members().forEach(m -> members.add(new Member(m.nodeId(), m.address(), state(m.state()), m.sinceHeard(),
                m.sent(), m.lag(), m.failed(), m.lagging())));
        members.sort(Comparator.comparingInt(Member::nodeId));
        return new Group(s.nodeId(), state(s.state()), s.vrrpInstance(), s.virtualAddress(), s.replyWaitsForGroup(),
                s.lastSequence(), s.unacknowledged(), s.tombstones(), s.lastLearn().map(GroupView::learn),
                counters(s.counters()), members);
    }

    private static LastLearn learn(GroupStatus.LastLearn l) {
        return new LastLearn(l.at(), l.from().map(OptionalInt::of).orElse(OptionalInt.empty()), l.chunks(),
                l.bindings(), l.took());
    }

    /** The counters a manager graphs, from the names the member counts under (GroupCounters, group:stats). */
    static Counters counters(Map<String, Long> byName) {
        long dropped = byName.entrySet().stream().filter(e -> e.getKey().startsWith("dropped-"))
                .mapToLong(Map.Entry::getValue).sum();
        return new Counters(byName.getOrDefault("replication-sent", 0L), byName.getOrDefault("replication-applied", 0L),
                byName.getOrDefault("learns-completed", 0L) + byName.getOrDefault("learns-alone", 0L),
                byName.getOrDefault("member-lagged", 0L), dropped);
    }

    private static State state(MemberState state) {
        return State.valueOf(state.name());
    }
}
