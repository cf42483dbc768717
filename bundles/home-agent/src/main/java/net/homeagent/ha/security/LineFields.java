package net.homeagent.ha.security;

import net.homeagent.ha.security.SecurityAssociationParser.BadLine;

/**
 * Splits one line of the file, in place in the file's bytes, into fields at ASCII blanks; a field
 * in double quotes may hold blanks and '#'; '#' elsewhere starts a comment. A quoted field's range
 * keeps its quotes so the key parser knows it was quoted. No field is copied: a million lines
 * would otherwise make a million strings per column. The same pass finds the line's end and
 * notices a byte that is not ASCII (then the file must be checked for UTF-8): a load runs mostly
 * before the JIT has compiled it, so every pass over the bytes counts (docs/PERFORMANCE.md).
 */
final class LineFields {

    /** A line has at most this many fields; more are only counted. */
    static final int MAX_FIELDS = 5;

    private final int[] starts = new int[MAX_FIELDS];
    private final int[] ends = new int[MAX_FIELDS];
    private int count;
    private boolean nonAscii;

    /**
     * Splits the line that starts at {@code from} and ends at its line feed or carriage return,
     * or at {@code to}; returns where it ends.
     */
    int split(byte[] text, int from, int to) throws BadLine {
        count = 0;
        int i = from;
        while (i < to) {
            byte c = text[i];
            if (c > '#') {
                // the usual byte: every blank, '"' and '#' are below it
                i = field(text, i, to);
            } else if (c == '\n' || c == '\r') {
                return i;
            } else if (c == '#') {
                return lineEnd(text, i, to);
            } else if (c == '"') {
                i = quoted(text, i, to);
            } else if (isBlank(c)) {
                i++;
            } else {
                i = field(text, i, to);
            }
        }
        return to;
    }

    /** Where the line that holds {@code at} ends: for a comment, and for a line found bad. */
    int lineEnd(byte[] text, int at, int to) {
        int i = at;
        while (i < to && text[i] != '\n' && text[i] != '\r') {
            nonAscii |= text[i] < 0;
            i++;
        }
        return i;
    }

    /** How many fields the last line split has, comments left out. */
    int count() {
        return count;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    /** Whether any line split so far had a byte above 127. */
    boolean sawNonAscii() {
        return nonAscii;
    }

    private int field(byte[] text, int start, int to) throws BadLine {
        int i = start;
        while (i < to) {
            byte c = text[i];
            if (c <= '#') {
                if (c == '"') {
                    throw new BadLine("a quote in the middle of a field");
                }
                if (c == '#' || isBlank(c)) {
                    break;
                }
                nonAscii |= c < 0;
            }
            i++;
        }
        add(start, i);
        return i;
    }

    private int quoted(byte[] text, int open, int to) throws BadLine {
        int close = open + 1;
        while (close < to && text[close] != '"') {
            byte c = text[close];
            if (c == '\n' || c == '\r') {
                break;
            }
            nonAscii |= c < 0;
            close++;
        }
        if (close == to || text[close] != '"') {
            throw new BadLine("a quoted field is not closed");
        }
        int after = close + 1;
        if (after < to && !isBlank(text[after]) && text[after] != '#') {
            throw new BadLine("text right after a closing quote");
        }
        add(open, after);
        return after;
    }

    private void add(int start, int end) {
        if (count < MAX_FIELDS) {
            starts[count] = start;
            ends[count] = end;
        }
        count++;
    }

    /** The ASCII characters {@link Character#isWhitespace(char)} calls blank (the parser read chars before). */
    static boolean isBlank(byte c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1c && c <= 0x1f;
    }
}
