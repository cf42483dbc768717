package net.homeagent.ha.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForeignAgentAssociationFileTest {

    @TempDir
    Path folder;

    private static Inet4Address ip(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    @Test
    void agentsAreFoundByAddressAndSpiAndTheFileIsFollowedWhenItChanges() throws Exception {
        Path path = folder.resolve("foreign-agent-security.conf");
        Files.writeString(path, "198.51.100.1 1000 hmac-md5 0x8899aabbccddeeff0011223344556677\n");
        SecurityAssociationFile file = new SecurityAssociationFile(path, "none", Clock.systemUTC(), false);
        try (ForeignAgentAssociationFile agents = new ForeignAgentAssociationFile(file)) {
            assertThat(agents.sharesWith(ip("198.51.100.1"))).isTrue();
            assertThat(agents.sharesWith(ip("198.51.100.2"))).isFalse();
            assertThat(agents.find(ip("198.51.100.1"), 1000)).isPresent();
            assertThat(agents.find(ip("198.51.100.1"), 1001)).isEmpty();
            assertThat(agents.describeAll()).singleElement().satisfies(info -> {
                assertThat(info.homeAddress()).contains(ip("198.51.100.1"));
                assertThat(info.spi()).isEqualTo(1000);
                assertThat(info.keyLength()).isEqualTo(16);
            });

            Files.writeString(path, "198.51.100.2 1000 hmac-md5 0x8899aabbccddeeff0011223344556677\n");
            Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(file.reloadIfChanged()).isTrue();

            assertThat(agents.sharesWith(ip("198.51.100.1"))).isFalse();
            assertThat(agents.sharesWith(ip("198.51.100.2"))).isTrue();
        }
    }

    @Test
    void aMissingFileSharesWithNobody() throws Exception {
        SecurityAssociationFile file = new SecurityAssociationFile(folder.resolve("absent.conf"), "none",
                Clock.systemUTC(), false);
        try (ForeignAgentAssociationFile agents = new ForeignAgentAssociationFile(file)) {
            assertThat(agents.sharesWith(ip("198.51.100.1"))).isFalse();
        }
    }
}
