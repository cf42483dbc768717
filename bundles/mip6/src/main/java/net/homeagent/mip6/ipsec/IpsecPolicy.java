package net.homeagent.mip6.ipsec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which home registrations must arrive under ESP (RFC 4877 §4.3's SPD check at the home agent),
 * the setting {@code ipsecPolicy}.
 */
public enum IpsecPolicy {

    /**
     * Every home registration must be ESP-protected; a home address without a security association
     * cannot register (RFC 6275 §5.1: "MUST ... IPsec"). The default: a home agent that cannot tell a
     * mobile node from an attacker must not redirect its traffic.
     */
    REQUIRED("required"),

    /**
     * A home address with a security association must register under ESP; one without may register
     * in the clear (a lab, or a migration while keys are handed out): the home agent is then open to
     * anyone for those addresses, as docs/mip6.md says.
     */
    WHEN_KEYED("when-keyed");

    private final String configName;

    IpsecPolicy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The policy a setting names; a clear error for anything else. */
    public static IpsecPolicy named(String setting) {
        String name = setting.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(policy -> policy.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("ipsecPolicy '" + setting + "' is none of "
                        + Arrays.stream(values()).map(IpsecPolicy::configName).collect(Collectors.joining(", "))));
    }
}
