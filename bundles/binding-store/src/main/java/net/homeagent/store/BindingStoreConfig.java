package net.homeagent.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the binding store, PID {@value DurableBindingStore#PID}. */
@ObjectClassDefinition(name = "homeagent binding store",
        description = "The mobility binding table of the home agent (RFC 5944 §3.8.3) and its durable backup")
public @interface BindingStoreConfig {

    long DEFAULT_EXPIRY_TICK_MILLIS = 1000;
    String DEFAULT_BACKUP_DIRECTORY = "${karaf.data}/bindings";
    /** Measured on two machines (docs/PERFORMANCE.md, "Backup on against in memory"). */
    long DEFAULT_COMMIT_DELAY_MICROS = 200;

    @AttributeDefinition(name = "Expiry tick (ms)",
            description = "How often expired bindings are removed: a binding outlives its lifetime by at most this much",
            min = "1")
    long expiryTickMillis() default DEFAULT_EXPIRY_TICK_MILLIS;

    @AttributeDefinition(name = "Backup enabled",
            description = "Keep a durable copy of every binding on local disk, restored at start; replies to "
                    + "registrations wait until their binding is on disk. Takes effect when the binding store restarts")
    boolean backupEnabled() default true;

    @AttributeDefinition(name = "Backup folder",
            description = "The folder of the backup journal (a checkpoint and the log since, docs/storage.md); "
                    + "${karaf.data} is replaced by the Karaf data folder, a relative folder is under it. Takes effect when the binding store restarts")
    String backupDirectory() default DEFAULT_BACKUP_DIRECTORY;

    @AttributeDefinition(name = "Commit delay (microseconds)",
            description = "Under load (the last group written held more than one change) the backup writer waits this "
                    + "long before taking the next group, so that more changes share one fsync; a lone change is "
                    + "written at once. 0: never wait. Takes effect when the binding store restarts",
            min = "0")
    long commitDelayMicros() default DEFAULT_COMMIT_DELAY_MICROS;
}
