package net.homeagent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BackupSettingsTest {

    @Test
    void theKarafDataFolderIsSubstitutedAndABadBatchSizeFallsBackToTheDefault() {
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", "/var/lib/homeagent/data");
        try {
            BackupSettings settings = BackupSettings.of(config(BindingStoreConfig.DEFAULT_BACKUP_FILE, 0));

            assertThat(settings.location()).isEqualTo(Path.of("/var/lib/homeagent/data/bindings/bindings.mv"));
            assertThat(settings.maxBatch()).isEqualTo(BindingStoreConfig.DEFAULT_MAX_BATCH);
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
    void aRelativeFileIsMadeAbsolute() {
        BackupSettings settings = BackupSettings.of(config("backup/b.mv", 16));

        assertThat(settings.location()).isEqualTo(Path.of("backup", "b.mv").toAbsolutePath());
        assertThat(settings.maxBatch()).isEqualTo(16);
    }

    private static BindingStoreConfig config(String file, int maxBatch) {
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
            public String backupFile() {
                return file;
            }

            @Override
            public int maxBatch() {
                return maxBatch;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return BindingStoreConfig.class;
            }
        };
    }
}
