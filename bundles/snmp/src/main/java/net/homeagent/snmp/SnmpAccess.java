package net.homeagent.snmp;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.smi.OID;

/**
 * Who may use the agent, as read from the access file ({@link SnmpAccessParser}): SNMPv3 users and,
 * only when the operator writes one, SNMPv2c communities. Passphrases live here and nowhere else;
 * {@link User#toString()} leaves them out.
 */
record SnmpAccess(List<User> users, List<Community> communities) {

    static final SnmpAccess NOBODY = new SnmpAccess(List.of(), List.of());

    /** SHA-2 authentication protocols of RFC 7860 by the names net-snmp's tools use. */
    static final Map<String, OID> AUTH_PROTOCOLS = Map.of(
            "SHA-224", AuthHMAC128SHA224.ID, "SHA-256", AuthHMAC192SHA256.ID,
            "SHA-384", AuthHMAC256SHA384.ID, "SHA-512", AuthHMAC384SHA512.ID);

    /** AES privacy protocols (RFC 3826 for 128 bits; 192 and 256 with the Blumenthal key extension). */
    static final Map<String, OID> PRIV_PROTOCOLS = Map.of(
            "AES-128", PrivAES128.ID, "AES-192", PrivAES192.ID, "AES-256", PrivAES256.ID);

    static final String NO_PRIVACY = "none";

    SnmpAccess {
        users = List.copyOf(users);
        communities = List.copyOf(communities);
    }

    enum Access {
        READ_ONLY("read-only"), READ_WRITE("read-write");

        private final String configName;

        Access(String configName) {
            this.configName = configName;
        }

        String configName() {
            return configName;
        }

        static Access parse(String text) {
            for (Access a : values()) {
                if (a.configName.equals(text.toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new IllegalArgumentException("access must be read-only or read-write, not '" + text + "'");
        }
    }

    /** An SNMPv3 USM user (RFC 3414); privProtocol {@link #NO_PRIVACY} means authNoPriv. */
    record User(String name, String authProtocol, String authPassphrase, String privProtocol, String privPassphrase,
            Access access) {

        boolean hasPrivacy() {
            return !NO_PRIVACY.equals(privProtocol);
        }

        @Override
        public String toString() {
            return "User[" + name + ", " + authProtocol + ", " + privProtocol + ", " + access.configName()
                    + ", passphrases hidden]";
        }
    }

    /** An SNMPv2c community (RFC 3584 snmpCommunityTable); the community string itself is the secret. */
    record Community(String index, String community, Access access) {
        @Override
        public String toString() {
            return "Community[" + index + ", " + access.configName() + ", community hidden]";
        }
    }
}
