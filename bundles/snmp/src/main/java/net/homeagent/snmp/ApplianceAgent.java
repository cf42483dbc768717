package net.homeagent.snmp;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.agent.AgentConfigManager;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.NotificationOriginator;
import org.snmp4j.agent.mo.snmp.NotificationOriginatorImpl;
import org.snmp4j.agent.mo.snmp.SnmpNotificationMIB;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.TransportDomains;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.cfg.EngineBootsCounterFile;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.util.ThreadPool;
import org.snmp4j.mp.CounterSupport;

import net.homeagent.mip.api.management.SnmpAgentStatus.Status;
import net.homeagent.mip.api.management.SnmpAgentStatus.User;
import net.homeagent.snmp.NotificationMapper.Notification;
import net.homeagent.snmp.SnmpAccess.Access;
import net.homeagent.snmp.SnmpSettings.Target;
import net.homeagent.snmp.SnmpSettings.Version;
import net.homeagent.snmp.mib.HomeagentMib;
import net.homeagent.snmp.mib.MibModule;

/**
 * One SNMP4J-Agent engine on one UDP socket, set up from the settings and the access file: USM users
 * and (only if configured) v2c communities, VACM (RFC 3415) giving every user and community read
 * access to everything and write access only to read-write ones, notification targets
 * (SNMP-TARGET-MIB / SNMP-NOTIFICATION-MIB, RFC 3413), and the MIB modules of the appliance. Nothing
 * is persisted by the agent: the configuration is etc/, the engine boots counter and the engine ID
 * (when not configured) are kept in the boots file so USM's time window survives restarts (RFC 3414 §2.2).
 */
final class ApplianceAgent {

    /** TruthValue false (SNMPv2-TC). */
    private static final int SNMP_DISABLED = 2;

    private static final OctetString VIEW = new OctetString("homeagent-all");
    private static final OctetString NO_VIEW = new OctetString();
    private static final OctetString READ_ONLY = new OctetString("homeagent-ro");
    private static final OctetString READ_WRITE = new OctetString("homeagent-rw");
    private static final OctetString NOTIFY_TAG = new OctetString("homeagent-notify");
    /** snmpTargetAddrTimeout is in hundredths of a second (RFC 3413): 1.5 s, then 2 retries for informs. */
    private static final int TARGET_TIMEOUT = 150;
    private static final int TARGET_RETRIES = 2;

    private final SnmpSettings settings;
    private final SnmpAccess access;
    private final List<MibModule> modules;
    private final RequestCounters counters;
    private final DefaultMOServer server = new DefaultMOServer();
    private AgentConfigManager agent;
    private DefaultUdpTransportMapping transport;
    private ThreadPool workers;

    ApplianceAgent(SnmpSettings settings, SnmpAccess access, List<MibModule> modules, RequestCounters counters) {
        this.settings = settings;
        this.access = access;
        this.modules = List.copyOf(modules);
        this.counters = counters;
    }

    /** Binds the socket and starts answering; throws if the socket cannot be bound. */
    void start() throws IOException {
        transport = new DefaultUdpTransportMapping(new UdpAddress(settings.listenAddress(), settings.port()));
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addTransportMapping(transport);
        Files.createDirectories(settings.engineBootsFile().toAbsolutePath().getParent());
        EngineBootsCounterFile boots = new EngineBootsCounterFile(settings.engineBootsFile().toFile());
        OctetString engineId = settings.engineId().map(OctetString::new)
                .orElseGet(() -> boots.getEngineId(new OctetString(MPv3.createLocalEngineID())));
        workers = ThreadPool.create("homeagent-snmp", 2);
        agent = new AgentConfigManager(engineId, dispatcher, null, new MOServer[] {server}, workers, null, null, boots) {
            @Override
            public OID getSysOID() {
                return HomeagentMib.APPLIANCE;
            }

            @Override
            public OctetString getSysDescr() {
                return new OctetString("homeagent Mobile IPv4 home agent appliance (RFC 5944)");
            }

            /**
             * RFC 3584 §5.3: a v1/v2c notification carries the community string that
             * snmpCommunityTable maps the target's securityName to. SNMP4J-Agent's default originator
             * is given no community table and sent the securityName (our community's index) as the
             * community, which every manager refused.
             */
            @Override
            protected NotificationOriginator createNotificationOriginator() {
                return new NotificationOriginatorImpl(session, vacm != null ? vacm : vacmMIB, snmpv2MIB.getSysUpTime(),
                        targetMIB, notificationMIB, communityMIB);
            }
        };
        agent.setContext(new SecurityModels(),
                new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity), new CounterSupport());
        agent.initialize();
        // authenticationFailure per refused message would let anyone flood the managers: bursts are
        // noticed by the event routes' watch and sent once, rate-limited (hamAuthFailureBurst). Off
        // through snmpEnableAuthenTraps (RFC 3418), so that a manager reading it is told the truth.
        agent.getSNMPv2MIB().getSnmpEnableAuthenTraps().setValue(new Integer32(SNMP_DISABLED));
        agent.getCommandProcessor().addCounterListener(counters);
        agent.getUsm().getCounterSupport().addCounterListener(counters);
        dispatcher.addCounterListener(counters);
        addUsers();
        addCommunities(engineId);
        addAccess();
        addTargets();
        try {
            for (MibModule m : modules) {
                m.registerWith(server);
            }
        } catch (DuplicateRegistrationException e) {
            throw new IllegalStateException("two MIB modules serve the same object: " + e.getMessage(), e);
        }
        agent.run();
        if (!transport.isListening()) {
            throw new IOException("the agent did not start listening on " + transport.getListenAddress());
        }
    }

    void stop() {
        if (agent != null) {
            modules.forEach(m -> m.unregisterFrom(server));
            agent.shutdown();
        }
        if (transport != null) {
            try {
                transport.close();
            } catch (IOException e) {
                // the socket is being closed anyway; nothing else holds it
            }
        }
        if (workers != null) {
            workers.cancel();
        }
    }

    /** Hands a notification to the worker pool (informs wait for their acks there, not here). */
    void send(Notification n) {
        agent.getCommandProcessor().notify(new OctetString(), n.trapOid(), n.bindings());
        counters.notificationSent();
    }

    boolean hasTargets() {
        return !settings.targets().isEmpty();
    }

    String engineIdHex() {
        return HexFormat.of().formatHex(agent.getUsm().getLocalEngineID().getValue());
    }

    String listening() {
        return "udp:" + transport.getListenAddress();
    }

    private void addUsers() {
        for (SnmpAccess.User u : access.users()) {
            OID priv = u.hasPrivacy() ? SnmpAccess.PRIV_PROTOCOLS.get(u.privProtocol()) : null;
            agent.getUsm().addUser(new UsmUser(new OctetString(u.name()),
                    SnmpAccess.AUTH_PROTOCOLS.get(u.authProtocol()), new OctetString(u.authPassphrase()),
                    priv, u.hasPrivacy() ? new OctetString(u.privPassphrase()) : null));
            agent.getVacmMIB().addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(u.name()), group(u.access()),
                    StorageType.readOnly);
        }
    }

    /** RFC 3584 §5.1: a community maps to a securityName (its index), which VACM then groups. */
    private void addCommunities(OctetString engineId) {
        for (SnmpAccess.Community c : access.communities()) {
            OctetString securityName = new OctetString(c.index());
            agent.getSnmpCommunityMIB().addSnmpCommunityEntry(new OctetString(c.index()), new OctetString(c.community()),
                    securityName, engineId, new OctetString(), new OctetString(), StorageType.readOnly);
            agent.getVacmMIB().addGroup(SecurityModel.SECURITY_MODEL_SNMPv2c, securityName, group(c.access()),
                    StorageType.readOnly);
        }
    }

    private void addAccess() {
        VacmMIB vacm = agent.getVacmMIB();
        vacm.addViewTreeFamily(VIEW, new OID("1.3.6.1"), new OctetString(), VacmMIB.vacmViewIncluded,
                StorageType.readOnly);
        for (Access a : Access.values()) {
            OctetString write = a == Access.READ_WRITE ? VIEW : NO_VIEW;
            vacm.addAccess(group(a), new OctetString(), SecurityModel.SECURITY_MODEL_USM, settings.minSecurityLevel(),
                    VacmMIB.vacmExactMatch, VIEW, write, VIEW, StorageType.readOnly);
            vacm.addAccess(group(a), new OctetString(), SecurityModel.SECURITY_MODEL_SNMPv2c,
                    SecurityLevel.NOAUTH_NOPRIV, VacmMIB.vacmExactMatch, VIEW, write, VIEW, StorageType.readOnly);
        }
    }

    private void addTargets() {
        int n = 0;
        for (Target t : settings.targets()) {
            n++;
            OctetString name = new OctetString("target" + n);
            OctetString params = new OctetString("params" + n);
            agent.getSnmpTargetMIB().addTargetAddress(name, TransportDomains.transportDomainUdpIpv4,
                    new OctetString(t.address().getValue()), TARGET_TIMEOUT, TARGET_RETRIES, NOTIFY_TAG, params,
                    StorageType.readOnly);
            boolean v3 = t.version() == Version.V3;
            agent.getSnmpTargetMIB().addTargetParams(params, v3 ? MessageProcessingModel.MPv3 : MessageProcessingModel.MPv2c,
                    v3 ? SecurityModel.SECURITY_MODEL_USM : SecurityModel.SECURITY_MODEL_SNMPv2c,
                    new OctetString(t.securityName()), v3 ? settings.minSecurityLevel() : SecurityLevel.NOAUTH_NOPRIV,
                    StorageType.readOnly);
        }
        if (n > 0) {
            agent.getSnmpNotificationMIB().addNotifyEntry(new OctetString("homeagent"), NOTIFY_TAG,
                    settings.informs() ? SnmpNotificationMIB.SnmpNotifyTypeEnum.inform
                            : SnmpNotificationMIB.SnmpNotifyTypeEnum.trap, StorageType.readOnly);
        }
    }

    private static OctetString group(Access a) {
        return a == Access.READ_WRITE ? READ_WRITE : READ_ONLY;
    }

    /** What snmp:status shows; passphrases and community strings never leave the access file. */
    Status status(long suppressed) {
        List<User> users = new ArrayList<>();
        for (SnmpAccess.User u : access.users()) {
            users.add(new User(u.name(), u.authProtocol(), u.privProtocol(), u.hasPrivacy() ? "authPriv" : "authNoPriv",
                    u.access().configName()));
        }
        List<String> versions = access.communities().isEmpty() ? List.of("v3") : List.of("v3", "v2c");
        List<String> targets = settings.targets().stream().map(Target::toString).toList();
        boolean up = transport != null && transport.isListening();
        return new Status(up ? List.of(listening()) : List.of(), up ? null : "stopped", engineIdHex(),
                versions, users, access.communities().size(), targets, counters.snapshot(suppressed));
    }
}
