package net.homeagent.snmp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.UdpAddress;

import net.homeagent.mip.api.support.KarafFolder;

/**
 * {@link SnmpConfig} checked and typed. Every bad value is refused with the key's name, so the agent
 * never starts half-configured.
 */
record SnmpSettings(InetAddress listenAddress, int port, Optional<byte[]> engineId, Path accessFile,
        int minSecurityLevel, List<Target> targets, boolean informs, int notificationsPerInterval,
        Duration notificationInterval, Duration bindingIndexMaxAge, Path engineBootsFile) {

    enum Version { V3, V2C }

    /** A notification target: where to, which version, with which USM user or community index. */
    record Target(UdpAddress address, Version version, String securityName) {
        @Override
        public String toString() {
            return "udp:" + address + " " + version.name().toLowerCase(java.util.Locale.ROOT) + " " + securityName;
        }
    }

    static SnmpSettings from(SnmpConfig c, String karafEtc, String karafData) {
        InetAddress listen;
        try {
            listen = InetAddress.getByName(c.listenAddress().trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("listenAddress: '" + c.listenAddress() + "' is not an address", e);
        }
        if (c.port() < 1 || c.port() > 65535) {
            throw new IllegalArgumentException("port: " + c.port() + " is not a UDP port");
        }
        Optional<byte[]> engineId = Optional.empty();
        if (!c.engineId().isBlank()) {
            byte[] id;
            try {
                id = HexFormat.of().parseHex(c.engineId().trim().replaceFirst("^0[xX]", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("engineId: not hexadecimal", e);
            }
            if (id.length < 5 || id.length > 32) {
                throw new IllegalArgumentException("engineId: must be 5 to 32 octets (RFC 3411 SnmpEngineID), is "
                        + id.length);
            }
            engineId = Optional.of(id);
        }
        int level = switch (c.minSecurityLevel().trim()) {
            case "authPriv" -> SecurityLevel.AUTH_PRIV;
            case "authNoPriv" -> SecurityLevel.AUTH_NOPRIV;
            default -> throw new IllegalArgumentException("minSecurityLevel: authPriv or authNoPriv, not '"
                    + c.minSecurityLevel() + "' (noAuthNoPriv is not offered)");
        };
        List<Target> targets = new ArrayList<>();
        for (String value : c.notificationTargets()) {
            // a .cfg file gives a list as one comma separated value
            for (String t : value.split(",")) {
                if (!t.isBlank()) {
                    targets.add(target(t.trim()));
                }
            }
        }
        boolean informs = switch (c.notificationType().trim()) {
            case "trap" -> false;
            case "inform" -> true;
            default -> throw new IllegalArgumentException("notificationType: trap or inform, not '"
                    + c.notificationType() + "'");
        };
        if (c.notificationsPerInterval() < 1 || c.notificationIntervalSeconds() < 1) {
            throw new IllegalArgumentException("notificationsPerInterval and notificationIntervalSeconds must be >= 1");
        }
        if (c.bindingIndexMaxAgeMillis() < 0) {
            throw new IllegalArgumentException("bindingIndexMaxAgeMillis must be >= 0");
        }
        return new SnmpSettings(listen, c.port(), engineId, KarafFolder.ETC.resolve(c.accessFile(), karafEtc), level,
                targets, informs, c.notificationsPerInterval(), Duration.ofSeconds(c.notificationIntervalSeconds()),
                Duration.ofMillis(c.bindingIndexMaxAgeMillis()), KarafFolder.DATA.resolve(c.engineBootsFile(), karafData));
    }

    private static Target target(String text) {
        String[] f = text.split("\\s+");
        if (f.length != 3) {
            throw new IllegalArgumentException("notificationTargets: '" + text
                    + "' must be 'udp:<address>/<port> v3 <user>' or 'udp:<address>/<port> v2c <community-index>'");
        }
        if (!(GenericAddress.parse(f[0]) instanceof UdpAddress udp)) {
            throw new IllegalArgumentException("notificationTargets: '" + f[0] + "' is not udp:<address>/<port>");
        }
        Version v = switch (f[1]) {
            case "v3" -> Version.V3;
            case "v2c" -> Version.V2C;
            default -> throw new IllegalArgumentException("notificationTargets: version v3 or v2c, not '" + f[1] + "'");
        };
        return new Target(udp, v, f[2]);
    }


    /** The access file's users and communities checked against these settings and the targets. */
    void check(SnmpAccess access) {
        for (SnmpAccess.User u : access.users()) {
            if (!u.hasPrivacy() && minSecurityLevel == SecurityLevel.AUTH_PRIV) {
                throw new IllegalArgumentException("user " + u.name() + " has no privacy protocol but minSecurityLevel"
                        + " is authPriv");
            }
        }
        for (Target t : targets) {
            boolean known = t.version() == Version.V3
                    ? access.users().stream().anyMatch(u -> u.name().equals(t.securityName()))
                    : access.communities().stream().anyMatch(cm -> cm.index().equals(t.securityName()));
            if (!known) {
                throw new IllegalArgumentException("notificationTargets: " + t + " names no "
                        + (t.version() == Version.V3 ? "user" : "community") + " of the access file");
            }
        }
    }
}
