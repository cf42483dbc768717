package net.homeagent.group;

import java.net.Inet4Address;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationPolicy;
import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.api.ReplyBarrier;
import net.homeagent.mip.api.ServingAuthority;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.vrrp.KeepalivedFifoReader;

/**
 * The redundancy group member as an OSGi component (PID {@value GroupConfig#PID}; only with that
 * configuration: an appliance is no member unless the operator says so). It plugs into the home agent
 * through mip-api's hooks: a {@link BindingListener} ({@link ReplicationHook}, which it attaches its
 * replicator to) that replicates the active member's changes, a
 * {@link RegistrationPolicy} that discards registrations unless the member is active (ranked first,
 * so no other policy spends work on them), and a {@link ReplyBarrier} that holds a reply until the
 * group acknowledged its change, and a {@link ServingAuthority} that lets the data plane serve only
 * while the member is active. keepalived is followed through its notify FIFO.
 */
@Component(service = {GroupComponent.class, RegistrationPolicy.class, ReplyBarrier.class, GroupStatus.class,
        ServingAuthority.class},
        configurationPid = GroupConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = "service.ranking:Integer=1000000")
@Designate(ocd = GroupConfig.class)
public final class GroupComponent implements RegistrationPolicy, ReplyBarrier, GroupStatus, ServingAuthority {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ApplianceEvents events;

    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private final GroupMember member;
    private final StandbyDiscard discard;
    private final MemberServing serving;
    private final Optional<KeepalivedFifoReader> keepalived;
    private final ReplicationHook hook;
    private final Consumer<BindingEvent> replicator;

    @Activate
    public GroupComponent(@Reference(name = "link") PeerLink link, @Reference(name = "store") BindingStore store,
            @Reference(name = "snapshots") BindingSnapshots snapshots, @Reference(name = "hook") ReplicationHook hook,
            GroupConfig config) {
        GroupSettings settings = GroupSettings.from(config);
        Clock clock = Clock.systemUTC();
        this.member = new GroupMember(settings, link, store, snapshots, clock, scheduler, this::publish);
        this.discard = new StandbyDiscard(member::state, member.counters());
        this.serving = new MemberServing(member::state);
        member.onTransition(serving::follow);
        this.keepalived = settings.notifyFifo().map(fifo -> new KeepalivedFifoReader(fifo, settings.vrrpInstance(),
                member::keepalived, member.counters()::increment, clock, "group"));
        this.hook = hook;
        this.replicator = member.replicator()::bindingChanged;
        hook.attach(replicator);
        keepalived.ifPresent(KeepalivedFifoReader::start);
        member.start();
    }

    private void publish(ApplianceEvent event) {
        ApplianceEvents route = events;
        if (route != null) {
            route.publish(event);
        }
    }

    @Override
    public CompletionStage<RegistrationVerdict> decide(InboundRegistration registration, Binding proposed) {
        return discard.decide(registration, proposed);
    }

    @Override
    public CompletionStage<Void> beforeReply(Inet4Address homeAddress) {
        return member.replyWaits().beforeReply(homeAddress);
    }

    @Override
    public boolean serving() {
        return serving.serving();
    }

    @Override
    public void addWatcher(Consumer<Boolean> watcher) {
        serving.addWatcher(watcher);
    }

    @Override
    public void removeWatcher(Consumer<Boolean> watcher) {
        serving.removeWatcher(watcher);
    }

    @Override
    public Snapshot snapshot() {
        return member.snapshot();
    }

    @Deactivate
    void stop() {
        hook.detach(replicator);
        keepalived.ifPresent(KeepalivedFifoReader::close);
        member.close();
        scheduler.close();
    }
}
