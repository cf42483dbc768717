package net.homeagent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.support.KarafFolder;

class BackupSettingsTest {

    @Test
    void theKarafDataFolderIsSubstituted() {
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", "/var/lib/homeagent/data");
        try {
            BackupSettings settings = BackupSettings.of(config(BindingStoreConfig.DEFAULT_BACKUP_DIRECTORY, 200));

            assertThat(settings.location()).isEqualTo(Path.of("/var/lib/homeagent/data/bindings"));
            assertThat(settings.enabled()).isTrue();
            assertThat(settings.commitDelay()).isEqualTo(Duration.ofNanos(200_000));
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
        BackupSettings settings = BackupSettings.of(config("backup/bindings", 0));

        assertThat(settings.location()).isEqualTo(Path.of(KarafFolder.DATA.folder(), "backup", "bindings").toAbsolutePath());
    }

    @Test
    void aNegativeCommitDelayIsRefusedWithItsName() {
        assertThatThrownBy(() -> BackupSettings.of(config("bindings", -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commitDelayMicros");
    }

    private static BindingStoreConfig config(String folder, long micros) {
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
            public long commitDelayMicros() {
                return micros;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return BindingStoreConfig.class;
            }
        };
    }
}
