package net.homeagent.group;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line keepalived writes to its {@code notify_fifo} (keepalived.conf(5), {@code vrrp_notify_fifo}):
 * {@code INSTANCE "VI_1" MASTER 100}, {@code GROUP "G1" BACKUP}; the priority is there for instances
 * only. States: MASTER, BACKUP, FAULT, STOP, DELETED.
 */
record KeepalivedNotice(String kind, String name, String state) {

    private static final Pattern LINE = Pattern.compile("(INSTANCE|GROUP) \"([^\"]*)\" ([A-Z]+)(?: -?\\d+)?");

    /** @return the notice, or empty for a line keepalived's documented format does not describe */
    static Optional<KeepalivedNotice> parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        return m.matches() ? Optional.of(new KeepalivedNotice(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** Whether this is about the VRRP instance {@code instance}. */
    boolean concerns(String instance) {
        return kind.equals("INSTANCE") && name.equals(instance);
    }

    /** The member state machine's input: MASTER, or everything that means "not master" (BACKUP, FAULT, STOP, DELETED). */
    MemberInput input() {
        return state.equals("MASTER") ? MemberInput.KEEPALIVED_MASTER : MemberInput.KEEPALIVED_BACKUP;
    }
}
