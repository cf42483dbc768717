package net.homeagent.mimm.network;

/**
 * Where the advisor learns the real-time sessions (calls, video) each network carries now. This
 * slice has {@link StaticSessionSource} (configured values, for labs); a source reading a SIP
 * server's active dialogs (kamailio's dialog module over JSON-RPC) comes later (docs/mimm.md).
 * Called on the registration event loop: an implementation answers from memory and never blocks.
 */
public interface RealTimeSessionSource {

    /** The sessions of network {@code networkId} now; {@link SessionLoad#NONE} when it knows none. */
    SessionLoad sessions(int networkId);

    /** Real-time sessions and the kbit/s they use. */
    record SessionLoad(int sessions, long kbps) {

        public static final SessionLoad NONE = new SessionLoad(0, 0);

        public SessionLoad {
            if (sessions < 0 || kbps < 0) {
                throw new IllegalArgumentException("a session load is not negative: " + sessions + "/" + kbps);
            }
        }
    }
}
