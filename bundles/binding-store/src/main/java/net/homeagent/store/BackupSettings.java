package net.homeagent.store;

import java.nio.file.Path;

/**
 * The backup part of {@link BindingStoreConfig}, resolved.
 *
 * @param location the journal's folder, {@code ${karaf.data}} replaced by the system property (or
 *                 {@code data} outside Karaf)
 */
record BackupSettings(boolean enabled, Path location) {

    static BackupSettings of(BindingStoreConfig config) {
        String dataFolder = System.getProperty("karaf.data", "data");
        Path location = Path.of(config.backupDirectory().replace("${karaf.data}", dataFolder)).toAbsolutePath();
        return new BackupSettings(config.backupEnabled(), location);
    }
}
