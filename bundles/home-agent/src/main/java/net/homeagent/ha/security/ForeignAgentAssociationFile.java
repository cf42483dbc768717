package net.homeagent.ha.security;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;

/**
 * The FA-HA mobility security associations (RFC 5944 §3.5.4) of etc/foreign-agent-security.conf:
 * the same line format as the mobile nodes' file, read, checked and watched the same way, with the
 * foreign agent's address where a mobile node's home address stands (an NAI line has no meaning
 * here and is never matched).
 */
public final class ForeignAgentAssociationFile implements ForeignAgentAssociations, AutoCloseable {

    private final SecurityAssociationFile file;
    /** The agents of one load of the file: rebuilt when a reload swapped the table. */
    private volatile Agents agents = new Agents(SecurityAssociationTable.EMPTY, Set.of());

    private record Agents(SecurityAssociationTable table, Set<Inet4Address> addresses) {
    }

    ForeignAgentAssociationFile(SecurityAssociationFile file) {
        this.file = file;
    }

    /** Reads {@code path} now and again whenever it changes, as the mobile nodes' file is. */
    public static ForeignAgentAssociationFile watching(Path path) {
        return new ForeignAgentAssociationFile(new SecurityAssociationFile(path,
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
    public void close() {
        file.stop();
    }
}
