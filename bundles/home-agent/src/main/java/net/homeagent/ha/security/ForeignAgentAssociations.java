package net.homeagent.ha.security;

import java.net.Inet4Address;
import java.util.Optional;

import net.homeagent.mip.api.SecurityAssociation;

/**
 * The mobility security associations this home agent shares with foreign agents (FA-HA, RFC 5944
 * §3.5, §3.5.4), by the foreign agent's address and the SPI.
 */
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
    };

    Optional<SecurityAssociation> find(Inet4Address agent, long spi);

    /** Whether any association (any SPI) exists with this foreign agent. */
    boolean sharesWith(Inet4Address agent);
}
