package net.homeagent.mip6.ipsec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

/**
 * Reads etc/mip6-ipsec.conf (docs/mip6.md, "Security"): one mobile node a line,
 * <pre>
 * home-address  inbound-SPI  outbound-SPI  aes-cbc/hmac-sha1-96  in-cipher-key  in-auth-key  out-cipher-key  out-auth-key
 * </pre>
 * SPIs decimal or 0x-hex, 256 to 2^32 - 1 (RFC 4303 §2.1: 1..255 are reserved); keys hex. Inbound
 * is what the mobile node sends to the home agent. A bad line is refused with its line number and
 * the reason, never its keys; the other lines are kept. '#' starts a comment.
 */
final class SecurityAssociationParser {

    private static final int FIELDS = 8;
    private static final long FIRST_SPI = 256;
    private static final long LAST_SPI = 0xFFFF_FFFFL;

    record Parsed(SecurityAssociationDatabase database, List<String> errors) {
    }

    private SecurityAssociationParser() {
    }

    static Parsed parse(String text, String fileName) {
        Map<Inet6Address, EspSecurityAssociation> byHome = new LinkedHashMap<>();
        Set<Long> inboundSpis = new HashSet<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1];
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            try {
                EspSecurityAssociation sa = association(content.split("\\s+"));
                if (byHome.containsKey(sa.homeAddress())) {
                    throw new IllegalArgumentException("a second line for home address "
                            + sa.homeAddress().getHostAddress());
                }
                if (!inboundSpis.add(sa.inbound().spi())) {
                    throw new IllegalArgumentException("inbound SPI " + sa.inbound().spi()
                            + " is already another home address's (the SPI alone finds the SA, RFC 4301 §4.1)");
                }
                byHome.put(sa.homeAddress(), sa);
            } catch (IllegalArgumentException e) {
                errors.add(fileName + " line " + number + " refused: " + e.getMessage());
            }
        }
        return new Parsed(new SecurityAssociationDatabase(byHome.values()), errors);
    }

    private static EspSecurityAssociation association(String[] fields) {
        if (fields.length != FIELDS) {
            throw new IllegalArgumentException(fields.length + " fields, expected " + FIELDS
                    + ": home-address inbound-SPI outbound-SPI suite in-cipher-key in-auth-key out-cipher-key out-auth-key");
        }
        Inet6Address home = homeAddress(fields[0]);
        EspSuite suite = EspSuite.named(fields[3]).orElseThrow(() -> new IllegalArgumentException(
                "unknown suite '" + fields[3] + "' (known: " + EspSuite.AES_CBC_HMAC_SHA1_96.configName() + ")"));
        DirectionKeys inbound = keys("inbound", spi(fields[1], "inbound"), fields[4], fields[5], suite);
        DirectionKeys outbound = keys("outbound", spi(fields[2], "outbound"), fields[6], fields[7], suite);
        return new EspSecurityAssociation(home, suite, inbound, outbound);
    }

    private static Inet6Address homeAddress(String text) {
        if (!text.contains(":")) {
            throw new IllegalArgumentException("home address '" + text + "' is not an IPv6 address");
        }
        try {
            InetAddress address = InetAddress.getByName(text);   // a literal with ':' is never looked up
            if (address instanceof Inet6Address v6) {
                return v6;
            }
        } catch (UnknownHostException e) {
            // below
        }
        throw new IllegalArgumentException("home address '" + text + "' is not an IPv6 address");
    }

    private static long spi(String text, String direction) {
        long spi;
        try {
            spi = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(direction + " SPI '" + text + "' is not a number");
        }
        if (spi < FIRST_SPI || spi > LAST_SPI) {
            throw new IllegalArgumentException(direction + " SPI " + spi + " outside 256.." + LAST_SPI
                    + " (RFC 4303 §2.1: 1..255 reserved, 0 local)");
        }
        return spi;
    }

    private static DirectionKeys keys(String direction, long spi, String cipherHex, String authHex, EspSuite suite) {
        byte[] cipherKey = hex(cipherHex, direction + " cipher key");
        if (!suite.acceptsCipherKeyLength(cipherKey.length)) {
            throw new IllegalArgumentException(direction + " cipher key of " + cipherKey.length
                    + " octets (AES: 16, 24 or 32)");
        }
        byte[] authKey = hex(authHex, direction + " authentication key");
        if (authKey.length != suite.authKeyLength()) {
            throw new IllegalArgumentException(direction + " authentication key of " + authKey.length + " octets ("
                    + suite.configName() + ": " + suite.authKeyLength() + ", RFC 2404 §3)");
        }
        return new DirectionKeys(spi, new SecretKeySpec(cipherKey, "AES"), new SecretKeySpec(authKey, "HmacSHA1"));
    }

    private static byte[] hex(String text, String what) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            // its message would quote the key: say what is wrong without it
            throw new IllegalArgumentException(what + " is not an even number of hex digits");
        }
    }
}
