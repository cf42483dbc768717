package net.homeagent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SnmpAccessParserTest {

    @Test
    void readsUsersAndCommunities() {
        SnmpAccess access = SnmpAccessParser.parse(List.of(
                "# comment",
                "user nms SHA-256 authpass123 AES-128 privpass123 read-only   # trailing comment",
                "user ops sha-512 authpass456 none - read-write",
                "",
                "community lab publicpass read-only"));
        assertThat(access.users()).extracting(SnmpAccess.User::name).containsExactly("nms", "ops");
        assertThat(access.users().get(1).hasPrivacy()).isFalse();
        assertThat(access.users().get(1).authProtocol()).isEqualTo("SHA-512");
        assertThat(access.communities()).singleElement().extracting(SnmpAccess.Community::index).isEqualTo("lab");
    }

    @Test
    void aPassphraseNeverShowsInTextOrMessages() {
        SnmpAccess access = SnmpAccessParser.parse(List.of("user nms SHA-256 authpass123 AES-128 privpass123 read-only",
                "community lab publicpass read-only"));
        assertThat(access.toString()).doesNotContain("authpass123", "privpass123", "publicpass");
        assertThatThrownBy(() -> SnmpAccessParser.parse(List.of("user nms SHA-256 short AES-128 privpass123 read-only")))
                .hasMessage("line 1: user nms: the authentication passphrase must have at least 8 characters"
                        + " (RFC 3414 §11.2)")
                .message().doesNotContain("short ");
    }

    @Test
    void refusesWeakProtocolsAndBadLinesWithTheirNumber() {
        assertThatThrownBy(() -> SnmpAccessParser.parse(List.of("", "user nms MD5 authpass123 AES-128 privpass123 read-only")))
                .hasMessageStartingWith("line 2: user nms: authentication must be one of [SHA-224, SHA-256, SHA-384, SHA-512]");
        assertThatThrownBy(() -> SnmpAccessParser.parse(List.of("user nms SHA-256 authpass123 DES privpass123 read-only")))
                .hasMessageContaining("DES is not offered");
        assertThatThrownBy(() -> SnmpAccessParser.parse(List.of("user nms SHA-256 authpass123 AES-128 privpass123 admin")))
                .hasMessageContaining("read-only or read-write");
        assertThatThrownBy(() -> SnmpAccessParser.parse(List.of("community lab publicpass read-only",
                "community lab otherpass1 read-only"))).hasMessage("line 2: 'lab' is defined twice");
        assertThatThrownBy(() -> SnmpAccessParser.parse(List.of("group x"))).hasMessageContaining("expected 'user' or");
        assertThatThrownBy(() -> SnmpAccessParser.parse(List.of("user nms SHA-256 authpass123")))
                .hasMessageContaining("has 7 fields");
    }
}
