package net.homeagent.shell;

import static net.homeagent.shell.Bindings.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.ForeignAgentAssociations;
import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;
import net.homeagent.mip.api.testing.InMemorySecurityAssociations;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

class SecurityCommandTest {
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private final InMemorySecurityAssociations associations = new InMemorySecurityAssociations();
    private final SecurityCommand command = new SecurityCommand();

    @Test
    void listsOwnerSpiAlgorithmReplayAndKeyLengthButNeverTheKey() {
        associations.add(new SecurityAssociation(Optional.of(ip("10.0.0.10")), Optional.empty(), 256,
                AuthenticationAlgorithm.HMAC_MD5, KEY, ReplayProtection.TIMESTAMP));
        associations.add(new SecurityAssociation(Optional.empty(), Optional.of("alice@example.net"), 4294967295L,
                AuthenticationAlgorithm.KEYED_MD5, "SharedSecretOf20Char".getBytes(), ReplayProtection.NONCE));
        command.associations = associations;

        String out = command.render();

        assertThat(out.lines()).containsExactly(
                "Mobility Security Associations: Total 2",
                "Owner                            SPI                      Algorithm  Replay     Key",
                "10.0.0.10                        256 (0x100)              hmac-md5   timestamp  16 octets",
                "alice@example.net                4294967295 (0xffffffff)  keyed-md5  nonce      20 octets");
        assertThat(out).doesNotContainIgnoringCase("00112233").doesNotContain("SharedSecret");
    }

    @Test
    void theForeignAgentsAssociationsFollowWithTheAgentAsOwnerAndNoKey() {
        associations.add(new SecurityAssociation(Optional.of(ip("10.0.0.10")), Optional.empty(), 256,
                AuthenticationAlgorithm.HMAC_MD5, KEY, ReplayProtection.TIMESTAMP));
        InMemorySecurityAssociations agents = new InMemorySecurityAssociations();
        agents.add(new SecurityAssociation(Optional.of(ip("198.51.100.1")), Optional.empty(), 1000,
                AuthenticationAlgorithm.HMAC_MD5, KEY, ReplayProtection.TIMESTAMP));
        command.associations = associations;
        command.foreignAgents = new ForeignAgentAssociations() {
            @Override
            public Optional<SecurityAssociation> find(Inet4Address agent, long spi) {
                return agents.forHomeAddress(agent, spi);
            }

            @Override
            public boolean sharesWith(Inet4Address agent) {
                return agents.describeAll().stream().anyMatch(info -> info.homeAddress().equals(Optional.of(agent)));
            }

            @Override
            public List<SecurityAssociationInfo> describeAll() {
                return agents.describeAll();
            }
        };

        String out = command.render();

        assertThat(out.lines()).containsExactly(
                "Mobility Security Associations: Total 1",
                "Owner                            SPI                      Algorithm  Replay     Key",
                "10.0.0.10                        256 (0x100)              hmac-md5   timestamp  16 octets",
                "FA-HA Security Associations: Total 1",
                "Foreign Agent                    SPI                      Algorithm  Replay     Key",
                "198.51.100.1                     1000 (0x3e8)             hmac-md5   timestamp  16 octets");
        assertThat(out).doesNotContainIgnoringCase("00112233");
    }

    @Test
    void withoutForeignAgentsTheSectionSaysTotalZero() {
        command.associations = associations;
        command.foreignAgents = ForeignAgentAssociations.NONE;

        assertThat(command.render().lines()).containsExactly("Mobility Security Associations: Total 0",
                "FA-HA Security Associations: Total 0");
    }

    @Test
    void noAssociationsIsTotalZero() {
        command.associations = associations;
        assertThat(command.render()).isEqualTo("Mobility Security Associations: Total 0" + System.lineSeparator());
    }
}
