package net.homeagent.group;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.group.wire.SyncCodec;
import net.homeagent.group.wire.SyncMessage.StateChange;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.peer.GroupDelivery;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerNode;

/**
 * On the active member, sends every local change of the table (registration, renewal, care-of
 * change, deregistration, expiry, an operator's clear) to the other members, reliably: the home
 * address's whole state after the change with the member's term and the next sequence number of
 * that term (docs/redundancy.md, "Replication"). Changes that came from the group (REPLICATED, DOWNLOADED) or from the own backup
 * are never sent again. Runs on the thread that changed the table, inside the store's lock of the
 * home address, so the sequence numbers of one home address follow its changes; it only encodes
 * and queues (the link batches and retransmits).
 */
final class ChangeReplicator implements BindingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeReplicator.class);

    private final BindingStore store;
    private final Supplier<MemberState> state;
    private final GroupMembers members;
    private final PeerChannel channel;
    private final Clock clock;
    private final GroupCounters counters;
    private final BiConsumer<Inet4Address, Optional<GroupDelivery>> sent;
    private final RateLimitedLog faults;
    private final GroupTerm terms;

    /**
     * @param terms holds the term the member took when it became active (before its state said so)
     * @param sent told of each change, with its acknowledgements (a reply may wait for them); empty
     *             when no member was a target (a reply must not wait for an earlier change's)
     */
    ChangeReplicator(BindingStore store, Supplier<MemberState> state, GroupTerm terms, GroupMembers members,
            PeerChannel channel, Clock clock, GroupCounters counters, BiConsumer<Inet4Address, Optional<GroupDelivery>> sent) {
        this.store = store;
        this.state = state;
        this.terms = terms;
        this.members = members;
        this.channel = channel;
        this.clock = clock;
        this.counters = counters;
        this.sent = sent;
        this.faults = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::warn);
    }

    @Override
    public void bindingChanged(BindingEvent event) {
        if (event.origin() != ChangeOrigin.LOCAL || event.reason().orElse(null) == RemovalReason.REPLACED) {
            // A replaced binding leaves in the same atomic registration that adds its successor,
            // whose event sends the home address's state: sending it here would make the other
            // members drop the home address for a moment.
            return;
        }
        if (state.get() != MemberState.ACTIVE) {
            counters.increment("local-changes-not-active");
            return;
        }
        try {
            replicate(event);
        } catch (RuntimeException e) {
            // a listener's failure must not fail the registration that made the change
            counters.increment("replication-faults");
            faults.report(() -> "could not replicate a change of " + event.binding().homeAddress().getHostAddress(), e);
        }
    }

    private void replicate(BindingEvent event) {
        Inet4Address home = event.binding().homeAddress();
        List<Binding> now = store.find(home);
        Optional<RemovalReason> removal = now.isEmpty() ? event.reason() : Optional.empty();
        GroupTerm.Tenure tenure = terms.tenure().orElseThrow(); // begun before the state became ACTIVE
        StateChange change = new StateChange(tenure.term(), tenure.next(), home, now, removal);
        tenure.keep(change);
        byte[] payload = SyncCodec.encode(change, clock.instant());
        counters.increment("replication-sent");
        List<PeerNode> targets = members.replicationTargets();
        if (targets.isEmpty()) {
            sent.accept(home, Optional.empty());
            return;
        }
        GroupDelivery delivery = channel.sendToGroup(targets, payload);
        members.sent(targets, change.term(), change.sequence());
        delivery.byMember().forEach((nodeId, acknowledged) -> acknowledged.whenComplete((ok, failure) -> {
            if (failure == null) {
                members.acknowledged(nodeId);
            } else {
                members.failed(nodeId);
                counters.increment("replication-unacknowledged");
            }
        }));
        sent.accept(home, Optional.of(delivery));
    }

    /** The sequence number of the last change sent in the member's last term as active member. */
    long lastSequence() {
        return terms.tenure().map(GroupTerm.Tenure::last).orElse(0L);
    }
}
