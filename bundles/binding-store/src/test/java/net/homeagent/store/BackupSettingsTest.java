package net.homeagent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.support.KarafFolder;

class BackupSettingsTest {

    @Test
    void theKarafDataFolderIsSubstituted() {
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", "/var/lib/homeagent/data");
        try {
            BackupSettings settings = BackupSettings.of(config(BindingStoreConfig.DEFAULT_BACKUP_DIRECTORY));

            assertThat(settings.location()).isEqualTo(Path.of("/var/lib/homeagent/data/bindings"));
            assertThat(settings.enabled()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    @Test
    void aRelativeFolderIsUnderTheDataFolderAndAbsolute() {
        BackupSettings settings = BackupSettings.of(config("backup/bindings"));

        assertThat(settings.location()).isEqualTo(Path.of(KarafFolder.DATA.folder(), "backup", "bindings").toAbsolutePath());
    }

    private static BindingStoreConfig config(String folder) {
        return new BindingStoreConfig() {
            @Override
            public long expiryTickMillis() {
                return DEFAULT_EXPIRY_TICK_MILLIS;
            }

            @Override
            public boolean backupEnabled() {
                return true;
            }

            @Override
            public String backupDirectory() {
                return folder;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return BindingStoreConfig.class;
            }
        };
    }
}
