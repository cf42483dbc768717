package net.homeagent.mip.api.support;

import java.nio.file.Path;

/**
 * The Karaf folders a configured file name may start from, resolved the way Karaf users write
 * them: {@code ${karaf.etc}/mobility-security.conf}, {@code ${karaf.data}/bindings}, or a name
 * relative to the folder. Every role resolves its files here, so a path means the same in every
 * etc/ file.
 */
public enum KarafFolder {
    /** Configuration files (security associations, SNMP access). */
    ETC("karaf.etc", "etc"),
    /** State the appliance writes (the binding journal, SNMP engine boots). */
    DATA("karaf.data", "data");

    private final String property;
    private final String outsideKaraf;

    KarafFolder(String property, String outsideKaraf) {
        this.property = property;
        this.outsideKaraf = outsideKaraf;
    }

    /** The folder in this JVM: the Karaf system property, or a relative folder of the same name outside Karaf. */
    public String folder() {
        return System.getProperty(property, outsideKaraf);
    }

    /** {@link #resolve(String, String)} against this JVM's folder. */
    public Path resolve(String configured) {
        return resolve(configured, folder());
    }

    /**
     * Replaces {@code ${karaf.etc}} (or {@code ${karaf.data}}) with {@code folder}; a relative path
     * without it resolves against {@code folder}, an absolute one stays as it is.
     */
    public Path resolve(String configured, String folder) {
        String text = configured.trim();
        String variable = "${" + property + "}";
        if (text.contains(variable)) {
            return Path.of(text.replace(variable, folder));
        }
        Path path = Path.of(text);
        return path.isAbsolute() ? path : Path.of(folder).resolve(path);
    }
}
