package net.homeagent.mip.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class KarafFolderTest {

    @Test
    void karafEtcIsSubstitutedAndRelativePathsResolveAgainstIt() {
        assertThat(KarafFolder.ETC.resolve("${karaf.etc}/mobility-security.conf", "/opt/ha/etc"))
                .isEqualTo(Path.of("/opt/ha/etc/mobility-security.conf"));
        assertThat(KarafFolder.ETC.resolve(" keys/sa.conf ", "/opt/ha/etc")).isEqualTo(Path.of("/opt/ha/etc/keys/sa.conf"));
        assertThat(KarafFolder.ETC.resolve("/srv/sa.conf", "/opt/ha/etc")).isEqualTo(Path.of("/srv/sa.conf"));
        assertThat(KarafFolder.ETC.resolve("${karaf.etc}/sa.conf", "etc")).isEqualTo(Path.of("etc/sa.conf"));
    }

    @Test
    void eachFolderReplacesItsOwnVariableOnly() {
        assertThat(KarafFolder.DATA.resolve("${karaf.data}/bindings", "/var/lib/ha")).isEqualTo(Path.of("/var/lib/ha/bindings"));
        assertThat(KarafFolder.DATA.resolve("snmp/boots", "/var/lib/ha")).isEqualTo(Path.of("/var/lib/ha/snmp/boots"));
        assertThat(KarafFolder.DATA.resolve("${karaf.etc}/x", "/var/lib/ha")).isEqualTo(Path.of("/var/lib/ha/${karaf.etc}/x"));
    }

    @Test
    void theFolderIsTheSystemPropertyElseARelativeFolder() {
        String before = System.getProperty("karaf.data");
        try {
            System.clearProperty("karaf.data");
            assertThat(KarafFolder.DATA.folder()).isEqualTo("data");
            System.setProperty("karaf.data", "/var/lib/ha");
            assertThat(KarafFolder.DATA.folder()).isEqualTo("/var/lib/ha");
            assertThat(KarafFolder.DATA.resolve("${karaf.data}/bindings")).isEqualTo(Path.of("/var/lib/ha/bindings"));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }
}
