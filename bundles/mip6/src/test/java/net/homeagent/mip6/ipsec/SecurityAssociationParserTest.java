package net.homeagent.mip6.ipsec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip6.Addresses;

/** etc/mip6-ipsec.conf: good lines, each bad line refused with its number and never its keys, reloads. */
class SecurityAssociationParserTest {

    private static final String KEYS = " 000102030405060708090a0b0c0d0e0f 202122232425262728292a2b2c2d2e2f30313233"
            + " 404142434445464748494a4b4c4d4e4f 606162636465666768696a6b6c6d6e6f70717273";
    private static final String GOOD = "2001:db8:100::10 0x1001 8193 aes-cbc/hmac-sha1-96" + KEYS;

    @Test
    void aGoodLineGivesBothDirections() {
        SecurityAssociationParser.Parsed parsed = SecurityAssociationParser.parse(
                "# comment\n\n" + GOOD + "   # trailing comment\n", "f");
        assertThat(parsed.errors()).isEmpty();
        EspSecurityAssociation sa = parsed.database().forInboundSpi(0x1001).orElseThrow();
        assertThat(sa.homeAddress()).isEqualTo(Addresses.v6("2001:db8:100::10"));
        assertThat(sa.outbound().spi()).isEqualTo(0x2001);
        assertThat(parsed.database().forHomeAddress(Addresses.v6("2001:db8:100::10"))).containsSame(sa);
        assertThat(sa.toString()).doesNotContain("000102").doesNotContain("4041");
    }

    @Test
    void eachBadLineIsRefusedWithItsNumberAndWithoutItsKeys() {
        String text = String.join("\n",
                GOOD,
                "2001:db8:100::11 0x1002 0x2002 aes-cbc/hmac-sha1-96 0001 22" + KEYS.substring(KEYS.indexOf(" 40")),
                "10.0.0.1 0x1003 0x2003 aes-cbc/hmac-sha1-96" + KEYS,
                "2001:db8:100::12 255 0x2004 aes-cbc/hmac-sha1-96" + KEYS,
                "2001:db8:100::13 0x1005 0x2005 des/md5" + KEYS,
                "2001:db8:100::14 0x1001 0x2006 aes-cbc/hmac-sha1-96" + KEYS,
                "2001:db8:100::10 0x1007 0x2007 aes-cbc/hmac-sha1-96" + KEYS,
                "2001:db8:100::15 0x1008 0x2008 aes-cbc/hmac-sha1-96 0g0102030405060708090a0b0c0d0e0f"
                        + KEYS.substring(KEYS.indexOf(" 2021")),
                "2001:db8:100::16 0x1009");
        SecurityAssociationParser.Parsed parsed = SecurityAssociationParser.parse(text, "etc/mip6-ipsec.conf");
        assertThat(parsed.database().size()).isEqualTo(1);
        assertThat(parsed.errors()).hasSize(8);
        assertThat(parsed.errors().get(0)).startsWith("etc/mip6-ipsec.conf line 2 refused: inbound cipher key of 2 octets");
        assertThat(parsed.errors().get(1)).contains("line 3 ").contains("not an IPv6 address");
        assertThat(parsed.errors().get(2)).contains("line 4 ").contains("inbound SPI 255 outside");
        assertThat(parsed.errors().get(3)).contains("line 5 ").contains("unknown suite 'des/md5'");
        assertThat(parsed.errors().get(4)).contains("line 6 ").contains("inbound SPI 4097 is already");
        assertThat(parsed.errors().get(5)).contains("line 7 ").contains("a second line for home address");
        assertThat(parsed.errors().get(6)).contains("line 8 ").contains("not an even number of hex digits");
        assertThat(parsed.errors().get(7)).contains("line 9 ").contains("2 fields, expected 8");
        assertThat(String.join("\n", parsed.errors())).doesNotContain("0g0102").doesNotContain("404142")
                .doesNotContain("202122");
    }

    @Test
    void aReloadKeepsTheReplayWindowOfAnUnchangedLineAndStartsOverForNewKeys(@TempDir Path folder)
            throws IOException {
        Path conf = folder.resolve("mip6-ipsec.conf");
        Files.writeString(conf, GOOD + "\n");
        SecurityAssociationFile file = new SecurityAssociationFile(conf);
        EspSecurityAssociation before = file.get().forInboundSpi(0x1001).orElseThrow();
        assertThat(before.window().accept(5)).isTrue();

        Files.writeString(conf, "# the same line, another comment\n" + GOOD + "\n");
        assertThat(file.reloadIfChanged()).isTrue();
        assertThat(file.get().forInboundSpi(0x1001).orElseThrow().window().isFresh(5)).isFalse();

        Files.writeString(conf, GOOD.replace("0f 2021", "ff 2021") + "\n");
        Files.setLastModifiedTime(conf, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(file.reloadIfChanged()).isTrue();
        assertThat(file.get().forInboundSpi(0x1001).orElseThrow().window().isFresh(5)).as("new keys, new SA").isTrue();
        assertThat(file.reloadIfChanged()).isFalse();
    }

    @Test
    void aMissingFileIsAnEmptyDatabase(@TempDir Path folder) {
        SecurityAssociationFile file = new SecurityAssociationFile(folder.resolve("none.conf"));
        assertThat(file.get().size()).isZero();
        assertThat(file.problems()).hasSize(1);
    }
}
