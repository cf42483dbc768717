package net.homeagent.peer.link;

/** Why a datagram (or one record of it) was dropped: the keys of {@code PeerLinkStatus.dropped()}. */
enum DropReason {
    /** The HMAC-SHA-256 trailer does not match the datagram. */
    BAD_HMAC("bad-hmac"),
    /** The key id is not in etc/peer-keys.conf. */
    UNKNOWN_KEY("unknown-key"),
    /** Datagram sequence seen or below the window, or an epoch older than the sender's newest. */
    REPLAY("replay"),
    /** Another group's id in the header. */
    FOREIGN_GROUP("foreign-group"),
    /** Too short, wrong magic, unknown version, bad record lengths or types. */
    MALFORMED("malformed"),
    /** A data record of a service no role opened (counted per record). */
    NO_CHANNEL("no-channel");

    private final String key;

    DropReason(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
