package net.homeagent.ha;

import java.nio.file.Path;

/** Resolves configured file names the way Karaf users write them. */
public final class KarafPaths {
    private static final String KARAF_ETC = "${karaf.etc}";

    private KarafPaths() {
    }

    /** The Karaf etc folder of this JVM: the {@code karaf.etc} system property, else "etc". */
    public static String karafEtc() {
        return System.getProperty("karaf.etc", "etc");
    }

    /**
     * Replaces {@code ${karaf.etc}} with {@code karafEtc}; a path without it that is relative
     * resolves against {@code karafEtc}.
     */
    public static Path resolve(String configured, String karafEtc) {
        String text = configured.trim();
        if (text.contains(KARAF_ETC)) {
            return Path.of(text.replace(KARAF_ETC, karafEtc));
        }
        Path path = Path.of(text);
        return path.isAbsolute() ? path : Path.of(karafEtc).resolve(path);
    }
}
