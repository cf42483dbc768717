package net.homeagent.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What each file in the journal's folder is, by its name. */
final class JournalFiles {

    enum Kind {
        /** {@code checkpoint-<n>.bin}: the table, replacing every segment before n. */
        CHECKPOINT,
        /** {@code log-<n>.wal}: the log's segment n. */
        SEGMENT,
        /** Written by a checkpoint that did not finish; removed at start. */
        PARTIAL,
        /** Anything else (the mark, damaged files kept for analysis): left alone. */
        OTHER
    }

    private static final Pattern NUMBERED = Pattern.compile("(checkpoint|log)-(\\d{16})\\.(bin|wal)");

    private JournalFiles() {
    }

    static Kind kindOf(String name) {
        if (name.endsWith(BindingJournal.PARTIAL_SUFFIX)) {
            return Kind.PARTIAL;
        }
        Matcher m = NUMBERED.matcher(name);
        if (!m.matches()) {
            return Kind.OTHER;
        }
        boolean checkpoint = m.group(1).equals("checkpoint");
        if (checkpoint != m.group(3).equals("bin")) {
            return Kind.OTHER;
        }
        return checkpoint ? Kind.CHECKPOINT : Kind.SEGMENT;
    }

    /** The number of a {@link Kind#CHECKPOINT} or {@link Kind#SEGMENT}. */
    static long numberOf(String name) {
        Matcher m = NUMBERED.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " is not a numbered journal file");
        }
        return Long.parseLong(m.group(2));
    }
}
