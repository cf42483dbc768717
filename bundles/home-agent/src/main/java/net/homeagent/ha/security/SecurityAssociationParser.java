package net.homeagent.ha.security;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import net.homeagent.ha.Ipv4;
import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

/**
 * Reads the lines of a mobility security associations file:
 * {@code <home-address|NAI> <spi> <hmac-md5|keyed-md5> <key> [timestamp|nonce]}, where the key is
 * {@code 0x<hex>} or a {@code "quoted text"} and {@code #} starts a comment. A bad line is
 * reported with its number and what is wrong, and left out. Problem texts never contain a key,
 * nor any field that could be a key put in the wrong column: only the owner (first column) and,
 * once it parsed, the SPI are quoted.
 */
final class SecurityAssociationParser {

    /** RFC 5944 §1.6: SPI values 0 through 255 are reserved and MUST NOT be used. */
    static final long FIRST_SPI = 256;
    /** RFC 5944 §5.1: the default key size is 128 bits. */
    static final int RECOMMENDED_KEY_OCTETS = 16;

    private SecurityAssociationParser() {
    }

    /** What a file held: its good associations, and a text per line that was skipped or is weak. */
    record Parsed(List<SecurityAssociation> associations, List<String> errors, List<String> warnings) {
    }

    static Parsed parse(List<String> lines, String fileName) {
        List<SecurityAssociation> associations = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> firstLineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = fileName + " line " + (i + 1) + ": ";
            try {
                Optional<SecurityAssociation> parsed = parseLine(lines.get(i));
                if (parsed.isEmpty()) {
                    continue;
                }
                SecurityAssociation sa = parsed.get();
                String identity = sa.owner().toLowerCase(Locale.ROOT) + " " + sa.spi();
                Integer first = firstLineOf.putIfAbsent(identity, i + 1);
                if (first != null) {
                    throw new BadLine("duplicate of line " + first + " (" + sa.owner() + " spi " + sa.spi()
                            + "); the first one is kept");
                }
                if (sa.describe().keyLength() < RECOMMENDED_KEY_OCTETS) {
                    warnings.add(where + "key of " + sa.owner() + " spi " + sa.spi() + " is shorter than the 128 bits"
                            + " RFC 5944 §5.1 asks for");
                }
                associations.add(sa);
            } catch (BadLine e) {
                errors.add(where + e.getMessage() + "; line skipped");
            }
        }
        return new Parsed(associations, errors, warnings);
    }

    /** One line: an association, or empty for a blank or comment line. */
    private static Optional<SecurityAssociation> parseLine(String line) throws BadLine {
        List<String> fields = fields(line);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        if (fields.size() < 4) {
            throw new BadLine("expected <home-address|NAI> <spi> <algorithm> <key> [timestamp|nonce], found "
                    + fields.size() + " field" + (fields.size() == 1 ? "" : "s"));
        }
        if (fields.size() > 5) {
            throw new BadLine("more than 5 fields (a key with spaces must be quoted)");
        }
        String owner = fields.get(0);
        if (owner.startsWith("\"")) {
            throw new BadLine("the first field must be a home address or an NAI, not a quoted text");
        }
        Optional<Inet4Address> homeAddress = homeAddress(owner);
        Optional<String> nai = homeAddress.isPresent() ? Optional.empty() : Optional.of(owner);
        long spi = spi(fields.get(1));
        AuthenticationAlgorithm algorithm = algorithm(fields.get(2));
        byte[] key = key(fields.get(3));
        ReplayProtection replay = fields.size() == 5 ? replay(fields.get(4)) : ReplayProtection.TIMESTAMP;
        return Optional.of(new SecurityAssociation(homeAddress, nai, spi, algorithm, key, replay));
    }

    /** An IPv4 home address, or empty for an NAI (RFC 2794). Digits and dots only must be an address. */
    private static Optional<Inet4Address> homeAddress(String owner) throws BadLine {
        if (!owner.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        Inet4Address address = Ipv4.parse(owner)
                .orElseThrow(() -> new BadLine("'" + owner + "' is not an IPv4 home address"));
        if (Ipv4.isUnspecified(address)) {
            throw new BadLine("0.0.0.0 is no home address; give the node's NAI for a dynamic address");
        }
        return Optional.of(address);
    }

    private static long spi(String text) throws BadLine {
        long spi;
        try {
            spi = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            spi = -1;
        }
        if (spi < FIRST_SPI || spi > 0xffff_ffffL) {
            throw new BadLine("the SPI is not a number from 256 to 4294967295 (0-255 are reserved, RFC 5944 §1.6)");
        }
        return spi;
    }

    private static AuthenticationAlgorithm algorithm(String text) throws BadLine {
        try {
            return AuthenticationAlgorithm.fromConfigName(text);
        } catch (IllegalArgumentException e) {
            throw new BadLine("unknown algorithm (expected hmac-md5 or keyed-md5)");
        }
    }

    private static byte[] key(String text) throws BadLine {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            if (text.length() == 2) {
                throw new BadLine("the key is empty");
            }
            return text.substring(1, text.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
        if (!text.startsWith("0x") && !text.startsWith("0X")) {
            throw new BadLine("the key is neither 0x<hex digits> nor a \"quoted text\"");
        }
        String hex = text.substring(2);
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            throw new BadLine("the key needs an even, non-zero number of hex digits after 0x");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new BadLine("the key has a character that is not a hex digit");
        }
    }

    private static ReplayProtection replay(String text) throws BadLine {
        try {
            return ReplayProtection.fromConfigName(text);
        } catch (IllegalArgumentException e) {
            throw new BadLine("unknown replay protection (expected timestamp or nonce)");
        }
    }

    /**
     * Splits a line into fields at blanks; a field in double quotes may hold blanks and '#';
     * '#' elsewhere starts a comment. Quotes are kept on the field so the key parser knows it
     * was quoted.
     */
    static List<String> fields(String line) throws BadLine {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '#') {
                break;
            }
            if (Character.isWhitespace(c)) {
                flush(field, fields);
                i++;
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new BadLine("a quote in the middle of a field");
                }
                int close = line.indexOf('"', i + 1);
                if (close < 0) {
                    throw new BadLine("a quoted field is not closed");
                }
                if (close + 1 < line.length() && !Character.isWhitespace(line.charAt(close + 1))
                        && line.charAt(close + 1) != '#') {
                    throw new BadLine("text right after a closing quote");
                }
                fields.add(line.substring(i, close + 1));
                i = close + 1;
            } else {
                field.append(c);
                i++;
            }
        }
        flush(field, fields);
        return fields;
    }

    private static void flush(StringBuilder field, List<String> fields) {
        if (field.length() > 0) {
            fields.add(field.toString());
            field.setLength(0);
        }
    }

    /** What is wrong with one line, in words that quote no key. */
    static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }
}
