package net.homeagent.store;

import java.nio.file.Path;

import net.homeagent.mip.api.support.KarafFolder;

/**
 * The backup part of {@link BindingStoreConfig}, resolved.
 *
 * @param location the journal's folder, absolute: {@code ${karaf.data}} replaced by the Karaf data
 *                 folder, a relative folder under it
 */
record BackupSettings(boolean enabled, Path location) {

    static BackupSettings of(BindingStoreConfig config) {
        return new BackupSettings(config.backupEnabled(), KarafFolder.DATA.resolve(config.backupDirectory()).toAbsolutePath());
    }
}
