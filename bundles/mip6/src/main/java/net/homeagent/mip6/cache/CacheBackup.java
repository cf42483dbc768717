package net.homeagent.mip6.cache;

import java.io.IOException;
import java.net.Inet6Address;

/** Where the binding cache writes each change before the Binding Acknowledgement leaves. */
public interface CacheBackup {

    /** No backup: the cache lives in memory only (backupEnabled=false). */
    CacheBackup NONE = new CacheBackup() {
        @Override
        public void put(Mip6Binding binding) {
        }

        @Override
        public void remove(Inet6Address homeAddress) {
        }
    };

    /** Durably records {@code binding} as its home address's entry; returns once it is on disk. */
    void put(Mip6Binding binding) throws IOException;

    /** Durably records that {@code homeAddress} has no entry; returns once it is on disk. */
    void remove(Inet6Address homeAddress) throws IOException;
}
