package net.homeagent.peer.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerKeysParserTest {

    private static final String KEY_32 = "0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String KEY_32_B = "0xf0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f";

    @Test
    void theHighestKeyIdSignsUnlessOneIsMarkedSend() {
        PeerKeysParser.Parsed highest = PeerKeysParser.parse("1 hmac-sha256 " + KEY_32 + "\n2 hmac-sha256 " + KEY_32_B, "f");
        PeerKeysParser.Parsed marked = PeerKeysParser.parse(
                "# rollover\n1 hmac-sha256 " + KEY_32 + " send\n2 HMAC-SHA256 " + KEY_32_B + "  # new\n", "f");

        assertThat(highest.errors()).isEmpty();
        assertThat(highest.keys().sendKeyId()).isEqualTo(2);
        assertThat(marked.errors()).isEmpty();
        assertThat(marked.keys().sendKeyId()).isEqualTo(1);
        assertThat(marked.keys().has(2)).isTrue();
    }

    @Test
    void badLinesAreSkippedWithFileAndLineAndNeverTheKey() {
        String text = String.join("\n",
                "1 hmac-sha256 0x0011",
                "70000 hmac-sha256 " + KEY_32,
                "3 hmac-md5 " + KEY_32,
                "4 hmac-sha256 " + KEY_32.substring(2),
                "5 hmac-sha256 " + KEY_32 + " later",
                "6 hmac-sha256 " + KEY_32,
                "6 hmac-sha256 " + KEY_32_B,
                "7 hmac-sha256");

        PeerKeysParser.Parsed parsed = PeerKeysParser.parse(text, "etc/peer-keys.conf");

        assertThat(parsed.keys().size()).isEqualTo(1);
        assertThat(parsed.keys().sendKeyId()).isEqualTo(6);
        assertThat(parsed.errors()).hasSize(7)
                .allSatisfy(error -> assertThat(error).startsWith("etc/peer-keys.conf:")
                        .doesNotContain(KEY_32.substring(2, 20)).doesNotContain(KEY_32_B.substring(2, 20)));
        assertThat(parsed.errors().get(0)).contains(":1:").contains("2 bytes, at least 32");
    }

    @Test
    void aFileOfCommentsHasNoKeys() {
        PeerKeysParser.Parsed parsed = PeerKeysParser.parse("# nothing yet\n\n", "f");

        assertThat(parsed.keys().isEmpty()).isTrue();
        assertThat(parsed.errors()).isEmpty();
    }

    @Test
    void keysNeverShowInText() {
        PeerKeys keys = PeerKeysParser.parse("9 hmac-sha256 " + KEY_32, "f").keys();

        assertThat(keys.toString()).isEqualTo("1 keys [9], sending with key 9").doesNotContain("0001");
    }
}
