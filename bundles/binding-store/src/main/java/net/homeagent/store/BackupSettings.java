package net.homeagent.store;

import java.nio.file.Path;
import java.time.Duration;

import net.homeagent.mip.api.support.KarafFolder;

/**
 * The backup part of {@link BindingStoreConfig}, resolved.
 *
 * @param location the journal's folder, absolute: {@code ${karaf.data}} replaced by the Karaf data
 *                 folder, a relative folder under it
 * @param commitDelay  the writer's wait under load ({@link CommitDelay})
 */
record BackupSettings(boolean enabled, Path location, Duration commitDelay) {

    static BackupSettings of(BindingStoreConfig config) {
        if (config.commitDelayMicros() < 0) {
            throw new IllegalArgumentException("commitDelayMicros must be 0 or more, not " + config.commitDelayMicros());
        }
        return new BackupSettings(config.backupEnabled(), KarafFolder.DATA.resolve(config.backupDirectory()).toAbsolutePath(),
                Duration.ofNanos(config.commitDelayMicros() * 1000));
    }
}
