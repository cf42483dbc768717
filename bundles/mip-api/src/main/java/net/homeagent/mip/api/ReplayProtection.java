package net.homeagent.mip.api;

/** Replay protection style of a mobility security association, RFC 5944 §5.7. */
public enum ReplayProtection {
    /** Identification carries an NTP-format timestamp (§5.7.1), mandatory to implement. */
    TIMESTAMP("timestamp"),
    /** Identification carries home-agent and mobile-node nonces (§5.7.2). */
    NONCE("nonce");

    private final String configName;

    ReplayProtection(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static ReplayProtection fromConfigName(String name) {
        for (ReplayProtection r : values()) {
            if (r.configName.equalsIgnoreCase(name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown replay protection '" + name + "' (expected timestamp or nonce)");
    }
}
