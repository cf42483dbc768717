package net.homeagent.ha.security;

import java.net.Inet4Address;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

import net.homeagent.ha.HomeAgentConfig;
import net.homeagent.mip.api.ForeignAgentAssociations;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.support.KarafFolder;

/**
 * The FA-HA mobility security associations (RFC 5944 §3.5.4) of etc/foreign-agent-security.conf:
 * the same line format as the mobile nodes' file, read, checked and watched the same way, with the
 * foreign agent's address where a mobile node's home address stands (an NAI line has no meaning
 * here and is never matched).
 */
@Component(service = ForeignAgentAssociations.class, configurationPid = HomeAgentConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ForeignAgentAssociationFile implements ForeignAgentAssociations, AutoCloseable {

    private final SecurityAssociationFile file;
    /** The agents of one load of the file: rebuilt when a reload swapped the table. */
    private volatile Agents agents = new Agents(SecurityAssociationTable.EMPTY, Set.of());

    private record Agents(SecurityAssociationTable table, Set<Inet4Address> addresses) {
    }

    ForeignAgentAssociationFile(SecurityAssociationFile file) {
        this.file = file;
    }

    /** Reads the configured file now and again whenever it changes, as the mobile nodes' file is. */
    @Activate
    public ForeignAgentAssociationFile(HomeAgentConfig config) {
        this(new SecurityAssociationFile(KarafFolder.ETC.resolve(config.foreignAgentAssociationsFile()),
                "no foreign agent is authenticated (FA-HA, RFC 5944 §3.5.4)", Clock.systemUTC(), true));
    }

    @Override
    public Optional<SecurityAssociation> find(Inet4Address agent, long spi) {
        return file.forHomeAddress(agent, spi);
    }

    @Override
    public boolean sharesWith(Inet4Address agent) {
        return current().addresses().contains(agent);
    }

    @Override
    public List<SecurityAssociationInfo> describeAll() {
        return file.describeAll();
    }

    private Agents current() {
        Agents known = agents;
        SecurityAssociationTable table = file.table();
        if (known.table() == table) {
            return known;
        }
        Set<Inet4Address> addresses = new HashSet<>();
        for (SecurityAssociationInfo association : table.describeAll()) {
            association.homeAddress().ifPresent(addresses::add);
        }
        Agents fresh = new Agents(table, Set.copyOf(addresses));
        agents = fresh;
        return fresh;
    }

    @Override
    @Deactivate
    public void close() {
        file.stop();
    }
}
