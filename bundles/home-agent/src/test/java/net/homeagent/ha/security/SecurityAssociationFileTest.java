package net.homeagent.ha.security;

import static net.homeagent.ha.RequestBuilder.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.wire.Ipv4;

class SecurityAssociationFileTest {

    private static final String HEX_KEY = "00112233445566778899aabbccddeeff";
    private static final String TEXT_KEY = "Shared Secret # of 16+ chars";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("mobility-security.conf");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private SecurityAssociationFile load(Path file) {
        return new SecurityAssociationFile(file, clock, false);
    }

    @Test
    void readsEveryKindOfGoodLine() throws IOException {
        SecurityAssociationFile associations = load(write(
                "# mobile nodes",
                "",
                "10.0.0.10  256  hmac-md5   0x" + HEX_KEY + "  timestamp",
                "10.0.0.11\t0x101\tkeyed-md5\t\"" + TEXT_KEY + "\"   # trailing comment",
                "Alice@Example.net  300  HMAC-MD5  0X" + HEX_KEY.toUpperCase() + "  nonce",
                "   # indented comment"));

        SecurityAssociation first = associations.forHomeAddress(ip("10.0.0.10"), 256).orElseThrow();
        assertThat(first.algorithm()).isEqualTo(AuthenticationAlgorithm.HMAC_MD5);
        assertThat(first.key()).isEqualTo(HexFormat.of().parseHex(HEX_KEY));
        assertThat(first.replay()).isEqualTo(ReplayProtection.TIMESTAMP);

        SecurityAssociation second = associations.forHomeAddress(ip("10.0.0.11"), 257).orElseThrow();
        assertThat(second.algorithm()).isEqualTo(AuthenticationAlgorithm.KEYED_MD5);
        assertThat(second.key()).isEqualTo(TEXT_KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(second.replay()).as("timestamp is the default").isEqualTo(ReplayProtection.TIMESTAMP);

        SecurityAssociation third = associations.forNai("alice@example.NET", 300).orElseThrow();
        assertThat(third.replay()).isEqualTo(ReplayProtection.NONCE);
        assertThat(third.homeAddress()).isEmpty();

        assertThat(associations.forHomeAddress(ip("10.0.0.10"), 257)).isEmpty();
        assertThat(associations.describeAll()).hasSize(3);
        assertThat(associations.loadErrors()).isZero();
        assertThat(associations.lastLoadTime()).isEqualTo(clock.instant());
    }

    @Test
    void eachBadLineIsSkippedWithItsNumberAndWhatIsWrongButNeverTheKey() throws IOException {
        SecurityAssociationFile associations = load(write(
                "10.0.0.10 256 hmac-md5 0x" + HEX_KEY,
                "10.0.0.20 256 hmac-md5",
                "10.0.0.300 256 hmac-md5 0x" + HEX_KEY,
                "0.0.0.0 256 hmac-md5 0x" + HEX_KEY,
                "10.0.0.21 255 hmac-md5 0x" + HEX_KEY,
                "10.0.0.22 0xdeadbeef11 hmac-md5 0x" + HEX_KEY,
                "10.0.0.23 0x" + HEX_KEY + " hmac-md5 256",
                "10.0.0.24 256 0x" + HEX_KEY + " hmac-md5",
                "10.0.0.25 256 hmac-md5 " + HEX_KEY,
                "10.0.0.26 256 hmac-md5 0x" + HEX_KEY + "f",
                "10.0.0.27 256 hmac-md5 0x" + HEX_KEY.replace('a', 'g'),
                "10.0.0.28 256 hmac-md5 \"" + TEXT_KEY,
                "10.0.0.29 256 hmac-md5 \"\"",
                "10.0.0.30 256 hmac-md5 0x" + HEX_KEY + " sometimes",
                "10.0.0.31 256 hmac-md5 0x" + HEX_KEY + " timestamp extra",
                "10.0.0.10 256 hmac-md5 0x" + HEX_KEY,
                "\"" + TEXT_KEY + "\" 256 hmac-md5 0x" + HEX_KEY,
                "10.0.0.32 256 hmac-md5 \"" + TEXT_KEY + "\"x"));

        assertThat(associations.describeAll()).hasSize(1);
        List<String> problems = associations.loadProblems();
        assertThat(associations.loadErrors()).isEqualTo(17);
        assertThat(problems).hasSize(17);
        assertThat(problems.get(0)).contains("line 2:", "found 3 fields");
        assertThat(problems.get(1)).contains("line 3:", "'10.0.0.300' is not an IPv4 home address");
        assertThat(problems.get(2)).contains("line 4:", "0.0.0.0 is no home address");
        assertThat(problems.get(3)).contains("line 5:", "reserved");
        assertThat(problems.get(4)).contains("line 6:", "SPI");
        assertThat(problems.get(5)).contains("line 7:", "SPI");
        assertThat(problems.get(6)).contains("line 8:", "unknown algorithm");
        assertThat(problems.get(7)).contains("line 9:", "neither 0x<hex digits> nor");
        assertThat(problems.get(8)).contains("line 10:", "even");
        assertThat(problems.get(9)).contains("line 11:", "not a hex digit");
        assertThat(problems.get(10)).contains("line 12:", "not closed");
        assertThat(problems.get(11)).contains("line 13:", "empty");
        assertThat(problems.get(12)).contains("line 14:", "unknown replay protection");
        assertThat(problems.get(13)).contains("line 15:", "more than 5 fields");
        assertThat(problems.get(14)).contains("line 16:", "duplicate of line 1");
        assertThat(problems.get(15)).contains("line 17:", "not a quoted text");
        assertThat(problems.get(16)).contains("line 18:", "after a closing quote");
        assertThat(problems).allSatisfy(p -> assertThat(p).contains("mobility-security.conf", "line skipped")
                .doesNotContainIgnoringCase(HEX_KEY.substring(0, 8)).doesNotContain("Shared Secret"));
        assertThat(associations.describeAll().toString()).doesNotContainIgnoringCase(HEX_KEY.substring(0, 8));
    }

    @Test
    void aFileLargeEnoughToBeParsedInPiecesKeepsItsLineNumbersAndItsFirstOfTwoDuplicates() throws IOException {
        // 100,000 lines of about 66 octets: more than one of the pieces parsed in parallel (4 MiB)
        int lines = 100_000;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines - 3; i++) {
            // CR LF line ends, as a file edited on another system has them
            text.append(Ipv4.of(0x0a80_0000 + i).getHostAddress()).append(' ').append(256 + i).append(" hmac-md5 0x")
                    .append(HEX_KEY).append(" timestamp\r\n");
        }
        text.append("Bob@Example.net 256 keyed-md5 \"").append(TEXT_KEY).append("\" nonce\r\n");
        text.append("10.128.0.0 256 hmac-md5 0x").append(HEX_KEY).append(" nonce\r\n");
        text.append("bob@example.NET 256 hmac-md5 0x").append(HEX_KEY).append("\r\n");
        Path file = dir.resolve("mobility-security.conf");
        Files.writeString(file, text, StandardCharsets.UTF_8);

        SecurityAssociationFile associations = load(file);

        assertThat(associations.loadProblems()).containsExactly(
                file + " line " + (lines - 1) + ": duplicate of line 1 (10.128.0.0 spi 256); the first one is kept; line skipped",
                file + " line " + lines + ": duplicate of line " + (lines - 2)
                        + " (bob@example.NET spi 256); the first one is kept; line skipped");
        assertThat(associations.describeAll()).hasSize(lines - 2);
        assertThat(associations.forHomeAddress(ip("10.128.0.0"), 256).orElseThrow().replay())
                .isEqualTo(ReplayProtection.TIMESTAMP);
        SecurityAssociation last = associations.forHomeAddress(Ipv4.of(0x0a80_0000 + lines - 4), 256 + lines - 4)
                .orElseThrow();
        assertThat(last.key()).isEqualTo(HexFormat.of().parseHex(HEX_KEY));
        assertThat(associations.forHomeAddress(Ipv4.of(0x0a80_0000 + lines - 4), 256)).isEmpty();
        SecurityAssociation bob = associations.forNai("BOB@example.net", 256).orElseThrow();
        assertThat(bob.algorithm()).isEqualTo(AuthenticationAlgorithm.KEYED_MD5);
        assertThat(bob.nai()).contains("Bob@Example.net");
        assertThat(bob.key()).isEqualTo(TEXT_KEY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUtf8NaiIsReadAndABadByteEvenInACommentMakesTheFileUnreadable() throws IOException {
        Path file = write("jörg@example.net 256 hmac-md5 0x" + HEX_KEY + " # café");
        SecurityAssociationFile associations = load(file);
        assertThat(associations.forNai("JÖRG@example.net", 256)).isPresent();

        Files.write(file, ("10.0.0.10 256 hmac-md5 0x" + HEX_KEY + " # caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        associations.reload();

        assertThat(associations.loadProblems()).singleElement().asString().contains("cannot read");
        assertThat(associations.forNai("jörg@example.net", 256)).as("the set loaded before").isPresent();
    }

    @Test
    void reloadsWhenTheFileChangesAndOnlyThen() throws IOException {
        Path file = write("10.0.0.10 256 hmac-md5 0x" + HEX_KEY);
        SecurityAssociationFile associations = load(file);
        Instant firstLoad = associations.lastLoadTime();
        clock.advance(Duration.ofSeconds(5));

        assertThat(associations.reloadIfChanged()).isFalse();
        assertThat(associations.lastLoadTime()).isEqualTo(firstLoad);

        Files.write(file, List.of("10.0.0.10 256 hmac-md5 0x" + HEX_KEY, "10.0.0.11 257 keyed-md5 0x" + HEX_KEY));
        Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(10)));

        assertThat(associations.reloadIfChanged()).isTrue();
        assertThat(associations.lastLoadTime()).isEqualTo(clock.instant());
        assertThat(associations.forHomeAddress(ip("10.0.0.11"), 257)).isPresent();
    }

    @Test
    void aMissingFileMeansNoAssociationsAndOneProblem() {
        SecurityAssociationFile associations = load(dir.resolve("absent.conf"));

        assertThat(associations.describeAll()).isEmpty();
        assertThat(associations.loadErrors()).isEqualTo(1);
        assertThat(associations.loadProblems().get(0)).contains("file not found");
        assertThat(associations.reloadIfChanged()).isFalse();
    }

    @Test
    void aFileThatCannotBeReadKeepsTheAssociationsLoadedBefore() throws IOException {
        Path file = write("10.0.0.10 256 hmac-md5 0x" + HEX_KEY);
        SecurityAssociationFile associations = load(file);
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});

        associations.reload();

        assertThat(associations.forHomeAddress(ip("10.0.0.10"), 256)).isPresent();
        assertThat(associations.loadErrors()).isEqualTo(1);
        assertThat(associations.loadProblems().get(0)).contains("cannot read");
    }
}
