package net.homeagent.snmp;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.BindingBackupStatus;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.RegistrationStatistics;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.ControlNodeView;
import net.homeagent.mip.api.management.DelegationView;
import net.homeagent.mip.api.management.ManagementNotifier;
import net.homeagent.mip.api.management.MimmAdvisorView;
import net.homeagent.mip.api.management.Mip6NodeView;
import net.homeagent.mip.api.management.RedundancyGroupView;
import net.homeagent.mip.api.management.SnmpAgentStatus;
import net.homeagent.mip.api.support.KarafFolder;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.snmp.NotificationMapper.Notification;
import net.homeagent.snmp.mib.DelegationMib;
import net.homeagent.snmp.mib.GroupMib;
import net.homeagent.snmp.mib.HacnMib;
import net.homeagent.snmp.mib.MimmMib;
import net.homeagent.snmp.mib.Mip6Mib;
import net.homeagent.snmp.mib.HomeagentMib;
import net.homeagent.snmp.mib.MipMib;

/**
 * The appliance's SNMP agent (PID {@value SnmpConfig#PID}): MIP-MIB and HOMEAGENT-MIB over the live
 * mip-api services (the redundancy group member's objects while there is one, the PHA's delegation while it is one,
 * HOMEAGENT-HACN-MIB while it is an HA control node), and the notifier the event routes hand notifiable events to. A configuration it
 * cannot use (bad key, bad access file, port taken) leaves the agent stopped, says why in the log
 * and in {@code snmp:status}, and keeps the rest of the appliance running.
 */
@Component(service = {SnmpAgentStatus.class, ManagementNotifier.class}, configurationPid = SnmpConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SnmpConfig.class)
public final class SnmpAgentComponent implements SnmpAgentStatus, ManagementNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(SnmpAgentComponent.class);

    /** The redundancy group member, while the appliance runs one (the group feature may come and go). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RedundancyGroupView group;

    /** The MIMM advisor, while the appliance runs one (feature homeagent-mimm). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MimmAdvisorView mimm;
    /** The primary home agent's delegation, while the appliance is a PHA (homeagent-delegation, enabled). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DelegationView delegation;
    /** The Mobile IPv6 node, while feature homeagent-mip6 is installed (HOMEAGENT-MIP6-MIB). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Mip6NodeView mip6;

    /** The HA control node, while the appliance is one (homeagent-hacn, enabled). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ControlNodeView controlNode;

    private final RequestCounters counters = new RequestCounters();
    private final RateLimitedLog sendFailures;
    private final NotificationLimiter limiter;
    private final ApplianceAgent agent;
    private final String problem;

    @Activate
    public SnmpAgentComponent(SnmpConfig config, @Reference BindingStore store,
            @Reference RegistrationStatistics statistics, @Reference SecurityAssociations associations,
            @Reference BindingBackupStatus backup) {
        Clock clock = Clock.systemUTC();
        sendFailures = new RateLimitedLog(clock, java.time.Duration.ofMinutes(1), LOG::warn);
        SnmpSettings settings = null;
        ApplianceAgent started = null;
        String why = null;
        NotificationLimiter rate = new NotificationLimiter(clock, 1, java.time.Duration.ofMinutes(1));
        try {
            settings = SnmpSettings.from(config, KarafFolder.ETC.folder(), KarafFolder.DATA.folder());
            rate = new NotificationLimiter(clock, settings.notificationsPerInterval(), settings.notificationInterval());
            SnmpAccess access = SnmpAccessParser.read(settings.accessFile());
            settings.check(access);
            NotificationLimiter limit = rate;
            started = new ApplianceAgent(settings, access, List.of(
                    new MipMib(store, statistics, associations, clock, settings.bindingIndexMaxAge()),
                    new HomeagentMib(store, statistics, backup, limit::suppressed), new GroupMib(() -> group),
                    new MimmMib(() -> mimm), new DelegationMib(() -> delegation), new HacnMib(() -> controlNode),
                    new Mip6Mib(() -> mip6, clock)),
                    counters);
            started.start();
            LOG.info("SNMP agent listening on {} (engine {}; {} users, {} communities, {} notification targets)",
                    started.listening(), started.engineIdHex(), access.users().size(), access.communities().size(),
                    settings.targets().size());
            if (access.users().isEmpty() && access.communities().isEmpty()) {
                LOG.info("SNMP agent: no user in {}, so nobody can read it yet (docs/snmp.md)", settings.accessFile());
            }
        } catch (IllegalArgumentException | IOException | IllegalStateException e) {
            why = e.getMessage();
            LOG.error("SNMP agent not started: {}", why);
            if (started != null) {
                started.stop();
            }
        }
        this.limiter = rate;
        this.agent = why == null ? started : null;
        this.problem = why;
    }

    @Deactivate
    void stop() {
        if (agent != null) {
            agent.stop();
            LOG.info("SNMP agent stopped");
        }
    }

    @Override
    public boolean raise(ApplianceEvent event) {
        Optional<Notification> notification = NotificationMapper.map(event);
        if (agent == null || !agent.hasTargets() || notification.isEmpty() || !limiter.admit(event.kind())) {
            return false;
        }
        try {
            agent.send(notification.get());
            return true;
        } catch (RuntimeException e) {
            sendFailures.report(() -> "SNMP notification " + event.kind() + " not sent: " + e, e);
            return false;
        }
    }

    @Override
    public Status status() {
        if (agent == null) {
            return new Status(List.of(), problem, "", List.of(), List.of(), 0, List.of(),
                    counters.snapshot(limiter.suppressed()));
        }
        return agent.status(limiter.suppressed());
    }
}
