package net.homeagent.store;

import java.nio.file.Path;

/**
 * The backup part of {@link BindingStoreConfig}, resolved.
 *
 * @param location the backup file, {@code ${karaf.data}} replaced by the system property (or
 *                 {@code data} outside Karaf)
 */
record BackupSettings(boolean enabled, Path location, int maxBatch) {

    static BackupSettings of(BindingStoreConfig config) {
        String dataFolder = System.getProperty("karaf.data", "data");
        Path location = Path.of(config.backupFile().replace("${karaf.data}", dataFolder)).toAbsolutePath();
        int maxBatch = config.maxBatch() < 1 ? BindingStoreConfig.DEFAULT_MAX_BATCH : config.maxBatch();
        return new BackupSettings(config.backupEnabled(), location, maxBatch);
    }
}
