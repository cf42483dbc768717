package net.homeagent.ha.security;

import net.homeagent.ha.security.SecurityAssociationParser.BadLine;

/**
 * Splits one line of the file, in place in the file's bytes, into fields at ASCII blanks; a field
 * in double quotes may hold blanks and '#'; '#' elsewhere starts a comment. A quoted field's range
 * keeps its quotes so the key parser knows it was quoted. No field is copied: a million lines
 * would otherwise make a million strings per column.
 */
final class LineFields {

    /** A line has at most this many fields; more are only counted. */
    static final int MAX_FIELDS = 5;

    private final int[] starts = new int[MAX_FIELDS];
    private final int[] ends = new int[MAX_FIELDS];
    private int count;

    /** Splits {@code text[from, to)}, one line without its line terminator. */
    void split(byte[] text, int from, int to) throws BadLine {
        count = 0;
        int i = from;
        while (i < to) {
            byte c = text[i];
            if (c == '#') {
                return;
            }
            if (isBlank(c)) {
                i++;
            } else if (c == '"') {
                int close = indexOf(text, '"', i + 1, to);
                if (close < 0) {
                    throw new BadLine("a quoted field is not closed");
                }
                if (close + 1 < to && !isBlank(text[close + 1]) && text[close + 1] != '#') {
                    throw new BadLine("text right after a closing quote");
                }
                add(i, close + 1);
                i = close + 1;
            } else {
                int start = i;
                while (i < to && !isBlank(text[i]) && text[i] != '#') {
                    if (text[i] == '"') {
                        throw new BadLine("a quote in the middle of a field");
                    }
                    i++;
                }
                add(start, i);
            }
        }
    }

    /** How many fields the line has, comments left out. */
    int count() {
        return count;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    private void add(int start, int end) {
        if (count < MAX_FIELDS) {
            starts[count] = start;
            ends[count] = end;
        }
        count++;
    }

    private static int indexOf(byte[] text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The ASCII characters {@link Character#isWhitespace(char)} calls blank (the parser read chars before). */
    static boolean isBlank(byte c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1c && c <= 0x1f;
    }
}
