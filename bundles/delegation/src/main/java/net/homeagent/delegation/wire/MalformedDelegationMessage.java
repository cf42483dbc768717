package net.homeagent.delegation.wire;

import java.net.Inet4Address;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A service 3 payload that is not a well-formed message. When its header could be read, the type and
 * transaction say so, so that an SHA can still answer a bad Start or Stop with {@link Result#BAD_REQUEST}.
 */
public final class MalformedDelegationMessage extends Exception {
    private static final long serialVersionUID = 1L;

    private final int type;
    private final long transaction;
    private final transient Optional<Inet4Address> home;

    MalformedDelegationMessage(String why, int type, long transaction, Optional<Inet4Address> home) {
        super(why, null, false, false);
        this.type = type;
        this.transaction = transaction;
        this.home = home;
    }

    /** The home address the message names, if it got that far. */
    public Optional<Inet4Address> home() {
        return home;
    }

    /** The message type, if the header was readable. */
    public OptionalInt type() {
        return type < 0 ? OptionalInt.empty() : OptionalInt.of(type);
    }

    /** The transaction id, if the header was readable. */
    public OptionalLong transaction() {
        return transaction < 0 ? OptionalLong.empty() : OptionalLong.of(transaction);
    }
}
