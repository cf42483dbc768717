package net.homeagent.ha.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.api.SecurityAssociationInfo;

/**
 * Jazzer over whole mobility security association files. The parser promises a table and a text
 * per bad line, or {@link CharacterCodingException} for a file that is not UTF-8; never any other
 * exception, since a bad file must leave the running table in place. Every association it kept must
 * be found again by its owner and SPI with the algorithm and key length it was described with,
 * with a legal SPI and a key. Inputs: {@code SecurityAssociationParserFuzzTestInputs/parse}.
 */
class SecurityAssociationParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] file) {
        SecurityAssociationParser.Parsed parsed;
        try {
            parsed = SecurityAssociationParser.parse(file, "fuzz.conf");
        } catch (CharacterCodingException e) {
            assertThat(isUtf8(file)).as("only a file that is not UTF-8 is refused whole").isFalse();
            return;
        }
        SecurityAssociationTable table = parsed.table();
        assertThat(table.describeAll()).hasSize(table.size());
        for (SecurityAssociationInfo info : table.describeAll()) {
            assertThat(info.spi()).isBetween(SecurityAssociationParser.FIRST_SPI, 0xffff_ffffL);
            assertThat(info.keyLength()).isPositive();
            SecurityAssociation found = info.homeAddress().isPresent()
                    ? table.forHomeAddress(info.homeAddress().get(), info.spi()).orElseThrow()
                    : table.forNai(info.nai().orElseThrow(), info.spi()).orElseThrow();
            assertThat(found.spi()).isEqualTo(info.spi());
            assertThat(found.algorithm()).isEqualTo(info.algorithm());
            assertThat(found.key()).hasSize(info.keyLength());
        }
    }

    private static boolean isUtf8(byte[] file) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(file));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
