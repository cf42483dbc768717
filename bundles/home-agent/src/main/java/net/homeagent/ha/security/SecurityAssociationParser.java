package net.homeagent.ha.security;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import net.homeagent.mip.api.ReplayProtection;
import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Reads a mobility security associations file, given as its bytes (UTF-8, already checked):
 * {@code <home-address|NAI> <spi> <hmac-md5|keyed-md5> <key> [timestamp|nonce]}, where the key is
 * {@code 0x<hex>} or a {@code "quoted text"} and {@code #} starts a comment. A bad line is
 * reported with its number and what is wrong, and left out. Problem texts never contain a key,
 * nor any field that could be a key put in the wrong column: only the owner (first column) and,
 * once it parsed, the SPI are quoted.
 * <p>
 * A million lines load in a fraction of a second (docs/PERFORMANCE.md): the fields are read in
 * place in the bytes, in one pass that also finds the line ends and any byte that is not ASCII,
 * without a string or an exception per line, into {@link AssociationColumns};
 * the file is cut at line ends into pieces parsed in parallel, then indexed in file order.
 */
final class SecurityAssociationParser {

    /** RFC 5944 §1.6: SPI values 0 through 255 are reserved and MUST NOT be used. */
    static final long FIRST_SPI = 256;
    /** RFC 5944 §5.1: the default key size is 128 bits. */
    static final int RECOMMENDED_KEY_OCTETS = 16;
    /** Pieces are cut at about this size: several per core, so that one slow piece is a small wait. */
    private static final int PIECE_BYTES = 4 << 20;
    private static final AuthenticationAlgorithm[] ALGORITHMS = AuthenticationAlgorithm.values();
    private static final ReplayProtection[] REPLAYS = ReplayProtection.values();
    /** The value of each byte as a hex digit, -1 for none: a look-up, not Character.digit's calls. */
    private static final byte[] DIGITS = digitValues();

    private SecurityAssociationParser() {
    }

    /** What a file held: its good associations, and a text per line that was skipped or is weak. */
    record Parsed(SecurityAssociationTable table, List<String> errors, List<String> warnings) {
    }

    /**
     * What one piece of the file held; {@code line} numbers count from the piece's first line, 1.
     * {@code nonAscii}: a byte above 127 was seen, so the file must be checked for UTF-8.
     */
    private record Piece(AssociationColumns associations, List<LineProblem> errors, int lineCount, boolean nonAscii) {
    }

    private record LineProblem(int line, String text) {
    }

    /** @throws CharacterCodingException if the file is not UTF-8 */
    static Parsed parse(byte[] text, String fileName) throws CharacterCodingException {
        int[] cuts = cuts(text);
        List<Piece> pieces = IntStream.range(0, cuts.length - 1).parallel()
                .mapToObj(p -> parsePiece(text, cuts[p], cuts[p + 1])).toList();
        if (pieces.stream().anyMatch(Piece::nonAscii)) {
            // an ASCII file, the usual one, is UTF-8; only others are decoded once more
            FileBytes.checkUtf8(text);
        }
        SecurityAssociationTable.Builder table = new SecurityAssociationTable.Builder(
                pieces.stream().mapToInt(p -> p.associations().size()).sum());
        List<LineProblem> errors = new ArrayList<>();
        List<LineProblem> warnings = new ArrayList<>();
        int linesBefore = 0;
        for (Piece piece : pieces) {
            AssociationColumns parsed = piece.associations();
            for (int i = 0; i < parsed.size(); i++) {
                int line = linesBefore + parsed.line(i);
                Optional<Integer> duplicated = table.add(parsed, i, line);
                if (duplicated.isPresent()) {
                    errors.add(new LineProblem(line, "duplicate of line " + duplicated.get() + " ("
                            + who(parsed, i) + "); the first one is kept"));
                } else if (parsed.keyLength(i) < RECOMMENDED_KEY_OCTETS) {
                    warnings.add(new LineProblem(line, "key of " + who(parsed, i) + " is shorter than the 128 bits"
                            + " RFC 5944 §5.1 asks for"));
                }
            }
            for (LineProblem error : piece.errors()) {
                errors.add(new LineProblem(linesBefore + error.line(), error.text()));
            }
            linesBefore += piece.lineCount();
        }
        errors.sort(Comparator.comparingInt(LineProblem::line));
        return new Parsed(table.build(), texts(errors, fileName, "; line skipped"), texts(warnings, fileName, ""));
    }

    private static List<String> texts(List<LineProblem> problems, String fileName, String suffix) {
        return problems.stream().map(p -> fileName + " line " + p.line() + ": " + p.text() + suffix).toList();
    }

    /** Where the pieces start, and the file's end: each cut is just after a line feed. */
    private static int[] cuts(byte[] text) {
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        int at = 0;
        while (text.length - at > PIECE_BYTES) {
            int cut = at + PIECE_BYTES;
            while (cut < text.length && text[cut - 1] != '\n') {
                cut++;
            }
            cuts.add(cut);
            at = cut;
        }
        if (at < text.length) {
            cuts.add(text.length);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The lines of {@code text[from, to)}; a line ends at LF, CR LF or CR, as BufferedReader has it. */
    private static Piece parsePiece(byte[] text, int from, int to) {
        AssociationColumns associations = new AssociationColumns((to - from) / 64);
        List<LineProblem> errors = new ArrayList<>();
        LineFields fields = new LineFields();
        int line = 0;
        int start = from;
        while (start < to) {
            line++;
            int end;
            try {
                end = parseLine(text, start, to, fields, line, associations);
            } catch (BadLine e) {
                errors.add(new LineProblem(line, e.getMessage()));
                end = fields.lineEnd(text, start, to);
            }
            start = end < to - 1 && text[end] == '\r' && text[end + 1] == '\n' ? end + 2 : end + 1;
        }
        return new Piece(associations, errors, line, fields.sawNonAscii());
    }

    /**
     * The line that starts at {@code from}: added to {@code associations} unless it is blank or a
     * comment; returns where it ends.
     */
    private static int parseLine(byte[] text, int from, int to, LineFields fields, int line,
            AssociationColumns associations) throws BadLine {
        int end = fields.split(text, from, to);
        int count = fields.count();
        if (count == 0) {
            return end;
        }
        if (count < 4) {
            throw new BadLine("expected <home-address|NAI> <spi> <algorithm> <key> [timestamp|nonce], found "
                    + count + " field" + (count == 1 ? "" : "s"));
        }
        if (count > LineFields.MAX_FIELDS) {
            throw new BadLine("more than 5 fields (a key with spaces must be quoted)");
        }
        int ownerStart = fields.start(0);
        int ownerEnd = fields.end(0);
        if (text[ownerStart] == '"') {
            throw new BadLine("the first field must be a home address or an NAI, not a quoted text");
        }
        boolean isAddress = digitsAndDots(text, ownerStart, ownerEnd);
        int address = isAddress ? homeAddress(text, ownerStart, ownerEnd) : 0;
        String nai = isAddress ? null : new String(text, ownerStart, ownerEnd - ownerStart, StandardCharsets.UTF_8);
        long spi = spi(text, fields.start(1), fields.end(1));
        AuthenticationAlgorithm algorithm = algorithm(text, fields.start(2), fields.end(2));
        int keyLength = key(text, fields.start(3), fields.end(3), associations);
        ReplayProtection replay = count == 5 ? replay(text, fields.start(4), fields.end(4)) : ReplayProtection.TIMESTAMP;
        associations.add(line, address, nai, spi, algorithm, keyLength, replay);
        return end;
    }

    /** Digits and dots only must be an IPv4 address; anything else is an NAI (RFC 2794). */
    private static boolean digitsAndDots(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] != '.' && (text[i] < '0' || text[i] > '9')) {
                return false;
            }
        }
        return true;
    }

    /** A dotted quad, each part one to three digits up to 255, as 32 bits. */
    private static int homeAddress(byte[] text, int from, int to) throws BadLine {
        int value = 0;
        int parts = 0;
        int digits = 0;
        int octet = 0;
        for (int i = from; i <= to; i++) {
            if (i == to || text[i] == '.') {
                if (digits == 0 || octet > 255 || ++parts > 4) {
                    throw notAnAddress(text, from, to);
                }
                value = value << 8 | octet;
                digits = 0;
                octet = 0;
            } else if (++digits > 3) {
                throw notAnAddress(text, from, to);
            } else {
                octet = octet * 10 + text[i] - '0';
            }
        }
        if (parts != 4) {
            throw notAnAddress(text, from, to);
        }
        if (value == 0) {
            throw new BadLine("0.0.0.0 is no home address; give the node's NAI for a dynamic address");
        }
        return value;
    }

    private static BadLine notAnAddress(byte[] text, int from, int to) {
        // digits and dots only: no key can be quoted here
        return new BadLine("'" + new String(text, from, to - from, StandardCharsets.US_ASCII)
                + "' is not an IPv4 home address");
    }

    /** Decimal, or hexadecimal after 0x. */
    private static long spi(byte[] text, int from, int to) throws BadLine {
        boolean hex = to - from >= 2 && text[from] == '0' && (text[from + 1] == 'x' || text[from + 1] == 'X');
        int radix = hex ? 16 : 10;
        long spi = 0;
        int i = hex ? from + 2 : from;
        if (i == to) {
            throw badSpi();
        }
        for (; i < to; i++) {
            int digit = DIGITS[text[i] & 0xff];
            if (digit < 0 || digit >= radix) {
                throw badSpi();
            }
            spi = spi * radix + digit;
            if (spi > 0xffff_ffffL) {
                throw badSpi();
            }
        }
        if (spi < FIRST_SPI) {
            throw badSpi();
        }
        return spi;
    }

    private static BadLine badSpi() {
        return new BadLine("the SPI is not a number from 256 to 4294967295 (0-255 are reserved, RFC 5944 §1.6)");
    }

    private static AuthenticationAlgorithm algorithm(byte[] text, int from, int to) throws BadLine {
        for (AuthenticationAlgorithm algorithm : ALGORITHMS) {
            if (equalsIgnoringCase(text, from, to, algorithm.configName())) {
                return algorithm;
            }
        }
        throw new BadLine("unknown algorithm (expected hmac-md5 or keyed-md5)");
    }

    private static ReplayProtection replay(byte[] text, int from, int to) throws BadLine {
        for (ReplayProtection replay : REPLAYS) {
            if (equalsIgnoringCase(text, from, to, replay.configName())) {
                return replay;
            }
        }
        throw new BadLine("unknown replay protection (expected timestamp or nonce)");
    }

    /** Compares with an ASCII name (the configuration names are ASCII). */
    private static boolean equalsIgnoringCase(byte[] text, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            int c = text[from + i];
            if (Character.toLowerCase(c) != Character.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Writes the key into {@code associations}' key room and returns its length in octets. */
    private static int key(byte[] text, int from, int to, AssociationColumns associations) throws BadLine {
        int length = to - from;
        if (text[from] == '"') {
            // the field splitter gives a quoted field with both its quotes
            if (length == 2) {
                throw new BadLine("the key is empty");
            }
            int at = associations.reserveKey(length - 2);
            System.arraycopy(text, from + 1, associations.keyArray(), at, length - 2);
            return length - 2;
        }
        if (length < 2 || text[from] != '0' || text[from + 1] != 'x' && text[from + 1] != 'X') {
            throw new BadLine("the key is neither 0x<hex digits> nor a \"quoted text\"");
        }
        int digits = length - 2;
        if (digits == 0 || digits % 2 != 0) {
            throw new BadLine("the key needs an even, non-zero number of hex digits after 0x");
        }
        int at = associations.reserveKey(digits / 2);
        byte[] keys = associations.keyArray();
        for (int i = from + 2, k = at; i < to; i += 2, k++) {
            int high = DIGITS[text[i] & 0xff];
            int low = DIGITS[text[i + 1] & 0xff];
            if (high < 0 || low < 0) {
                throw new BadLine("the key has a character that is not a hex digit");
            }
            keys[k] = (byte) (high << 4 | low);
        }
        return digits / 2;
    }

    private static byte[] digitValues() {
        byte[] values = new byte[256];
        Arrays.fill(values, (byte) -1);
        for (int d = 0; d < 10; d++) {
            values['0' + d] = (byte) d;
        }
        for (int d = 0; d < 6; d++) {
            values['a' + d] = (byte) (10 + d);
            values['A' + d] = (byte) (10 + d);
        }
        return values;
    }

    /** The owner and SPI of a line, for a problem text; made only for a line that has a problem. */
    private static String who(AssociationColumns associations, int i) {
        String owner = associations.hasAddress(i) ? Ipv4.of(associations.address(i)).getHostAddress()
                : associations.nai(i);
        return owner + " spi " + associations.spi(i);
    }

    /** What is wrong with one line, in words that quote no key; thrown without a stack trace. */
    static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }
}
