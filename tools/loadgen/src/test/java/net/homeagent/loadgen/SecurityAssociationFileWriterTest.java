package net.homeagent.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityAssociationFileWriterTest {

    /**
     * The appliance's format (home-agent SecurityAssociationParser, README):
     * {@code <home-address|NAI> <spi> <hmac-md5|keyed-md5> <0xHEX|"text"> [timestamp|nonce]}.
     */
    private static final Pattern LINE = Pattern.compile(
            "(\\d+\\.\\d+\\.\\d+\\.\\d+) (\\d+) hmac-md5 0x([0-9a-f]{32}) timestamp");

    private final MobileNodes nodes = new MobileNodes(300, LoadOptions.ipv4("10.128.0.250"), 4096, 7);

    @Test
    void writesOneApplianceLinePerNodeWithItsAddressSpiAndKey() throws IOException {
        StringWriter out = new StringWriter();
        SecurityAssociationFileWriter.write(nodes, out);
        List<String> lines = out.toString().lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).hasSize(300);
        for (int node : new int[] {0, 5, 6, 299}) {
            Matcher m = LINE.matcher(lines.get(node));
            assertThat(m.matches()).as(lines.get(node)).isTrue();
            assertThat(m.group(1)).isEqualTo(nodes.homeAddress(node).getHostAddress());
            assertThat(Long.parseLong(m.group(2))).isEqualTo(4096 + node);
            assertThat(HexFormat.of().parseHex(m.group(3))).isEqualTo(nodes.key(node));
        }
        assertThat(lines.get(5)).startsWith("10.128.0.255 ");
        assertThat(lines.get(6)).as("carries into the next octet").startsWith("10.128.1.0 ");
    }

    @Test
    void theFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mobility-security.conf");
        Files.writeString(file, "old content");
        SecurityAssociationFileWriter.write(nodes, file);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readAllLines(file)).hasSize(301).noneMatch(l -> l.contains("old content"));
    }

    @Test
    void keysDifferPerNodeAndPerSeedButAreReproducible() {
        MobileNodes sameSeed = new MobileNodes(300, LoadOptions.ipv4("10.128.0.250"), 4096, 7);
        MobileNodes otherSeed = new MobileNodes(300, LoadOptions.ipv4("10.128.0.250"), 4096, 8);
        assertThat(nodes.key(1)).isEqualTo(sameSeed.key(1)).isNotEqualTo(nodes.key(2)).isNotEqualTo(otherSeed.key(1));
        assertThat(nodes.key(1)).hasSize(16);
    }
}
