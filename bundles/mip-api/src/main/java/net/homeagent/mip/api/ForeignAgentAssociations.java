package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The mobility security associations this home agent shares with foreign agents (FA-HA, RFC 5944
 * §3.5, §3.5.4), by the foreign agent's address and the SPI. An association's {@code homeAddress}
 * is the foreign agent's address here: the same record, the same file format as the mobile
 * nodes' associations, with the agent where a mobile node's home address stands.
 */
@ProviderType
public interface ForeignAgentAssociations {

    /** Shares none: no FA-HA Authentication extension is ever required or added. */
    ForeignAgentAssociations NONE = new ForeignAgentAssociations() {
        @Override
        public Optional<SecurityAssociation> find(Inet4Address agent, long spi) {
            return Optional.empty();
        }

        @Override
        public boolean sharesWith(Inet4Address agent) {
            return false;
        }

        @Override
        public List<SecurityAssociationInfo> describeAll() {
            return List.of();
        }
    };

    Optional<SecurityAssociation> find(Inet4Address agent, long spi);

    /** Whether any association (any SPI) exists with this foreign agent. */
    boolean sharesWith(Inet4Address agent);

    /** Every association, without keys, for the operator; {@code homeAddress()} is the foreign agent's. */
    List<SecurityAssociationInfo> describeAll();
}
