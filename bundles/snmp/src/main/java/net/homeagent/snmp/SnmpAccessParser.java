package net.homeagent.snmp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.homeagent.snmp.SnmpAccess.Access;
import net.homeagent.snmp.SnmpAccess.Community;
import net.homeagent.snmp.SnmpAccess.User;

/**
 * Reads the access file (etc/snmp-access.conf), one entry a line, {@code #} starts a comment:
 * <pre>
 * user &lt;name&gt; &lt;SHA-224|SHA-256|SHA-384|SHA-512&gt; &lt;auth-passphrase&gt; &lt;AES-128|AES-192|AES-256|none&gt; &lt;priv-passphrase|-&gt; &lt;read-only|read-write&gt;
 * community &lt;index&gt; &lt;community&gt; &lt;read-only|read-write&gt;
 * </pre>
 * A bad line refuses the whole file with its line number (the agent then lets nobody in rather than
 * half the intended people). Messages never quote a passphrase or a community.
 */
final class SnmpAccessParser {

    /** RFC 3414 §11.2: passphrases shorter than 8 characters are refused (net-snmp refuses them too). */
    static final int MIN_PASSPHRASE = 8;

    private SnmpAccessParser() {
    }

    static SnmpAccess read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return SnmpAccess.NOBODY;
        }
        return parse(Files.readAllLines(file));
    }

    static SnmpAccess parse(List<String> lines) {
        List<User> users = new ArrayList<>();
        List<Community> communities = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] fields = text.split("\\s+");
            try {
                switch (fields[0]) {
                    case "user" -> users.add(user(fields, names));
                    case "community" -> communities.add(community(fields, names));
                    default -> throw new IllegalArgumentException("expected 'user' or 'community', found '"
                            + fields[0] + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new SnmpAccess(users, communities);
    }

    private static User user(String[] f, Set<String> names) {
        if (f.length != 7) {
            throw new IllegalArgumentException("a user line has 7 fields: user <name> <auth> <auth-passphrase> <priv>"
                    + " <priv-passphrase|-> <access>, this one has " + f.length);
        }
        String name = unique(f[1], names);
        String auth = f[2].toUpperCase(java.util.Locale.ROOT);
        if (!SnmpAccess.AUTH_PROTOCOLS.containsKey(auth)) {
            throw new IllegalArgumentException("user " + name + ": authentication must be one of "
                    + new java.util.TreeSet<>(SnmpAccess.AUTH_PROTOCOLS.keySet()) + " (MD5 and SHA-1 are not offered)");
        }
        passphrase(name, "authentication", f[3]);
        String priv = f[4].equalsIgnoreCase(SnmpAccess.NO_PRIVACY) ? SnmpAccess.NO_PRIVACY
                : f[4].toUpperCase(java.util.Locale.ROOT);
        if (!priv.equals(SnmpAccess.NO_PRIVACY)) {
            if (!SnmpAccess.PRIV_PROTOCOLS.containsKey(priv)) {
                throw new IllegalArgumentException("user " + name + ": privacy must be one of "
                        + new java.util.TreeSet<>(SnmpAccess.PRIV_PROTOCOLS.keySet()) + " or none (DES is not offered)");
            }
            passphrase(name, "privacy", f[5]);
        }
        return new User(name, auth, f[3], priv, priv.equals(SnmpAccess.NO_PRIVACY) ? "" : f[5], Access.parse(f[6]));
    }

    private static Community community(String[] f, Set<String> names) {
        if (f.length != 4) {
            throw new IllegalArgumentException("a community line has 4 fields: community <index> <community> <access>,"
                    + " this one has " + f.length);
        }
        String index = unique(f[1], names);
        if (f[2].length() < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("community " + index + ": the community must have at least "
                    + MIN_PASSPHRASE + " characters");
        }
        return new Community(index, f[2], Access.parse(f[3]));
    }

    private static String unique(String name, Set<String> names) {
        if (name.length() > 32) {
            throw new IllegalArgumentException("name '" + name + "' is longer than 32 characters (RFC 3411 SnmpAdminString)");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("'" + name + "' is defined twice");
        }
        return name;
    }

    private static void passphrase(String user, String what, String passphrase) {
        if (passphrase.length() < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("user " + user + ": the " + what + " passphrase must have at least "
                    + MIN_PASSPHRASE + " characters (RFC 3414 §11.2)");
        }
    }
}
