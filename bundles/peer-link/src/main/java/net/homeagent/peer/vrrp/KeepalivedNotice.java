package net.homeagent.peer.vrrp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line keepalived writes to its {@code notify_fifo} (keepalived.conf(5), {@code vrrp_notify_fifo}):
 * {@code INSTANCE "VI_1" MASTER 100}, {@code GROUP "G1" BACKUP}; the priority is there for instances
 * only. States: MASTER, BACKUP, FAULT, STOP, DELETED.
 */
public record KeepalivedNotice(String kind, String name, String state) {

    private static final Pattern LINE = Pattern.compile("(INSTANCE|GROUP) \"([^\"]*)\" ([A-Z]+)(?: -?\\d+)?");

    /** @return the notice, or empty for a line keepalived's documented format does not describe */
    public static Optional<KeepalivedNotice> parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        return m.matches() ? Optional.of(new KeepalivedNotice(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** Whether this is about the VRRP instance {@code instance}. */
    public boolean concerns(String instance) {
        return kind.equals("INSTANCE") && name.equals(instance);
    }

    /**
     * Whether keepalived made this node the instance's master (RFC 5798 §6.4.2, Backup -> Master); every
     * other state (BACKUP, FAULT, STOP, DELETED) means it does not hold the virtual address.
     */
    public boolean master() {
        return state.equals("MASTER");
    }
}
