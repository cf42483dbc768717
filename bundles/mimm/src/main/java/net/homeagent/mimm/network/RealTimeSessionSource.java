package net.homeagent.mimm.network;

/**
 * Where the advisor learns the real-time sessions (calls, video) each network carries now:
 * {@link StaticSessionSource} (configured values, for labs) or
 * {@link net.homeagent.mimm.network.kamailio.KamailioSessionSource} (a SIP server's active dialogs),
 * chosen by {@code sessionSource} (docs/mimm.md). Called on the registration event loop: an
 * implementation answers from memory and never blocks.
 */
public interface RealTimeSessionSource {

    /** The sessions of network {@code networkId} now; {@link SessionLoad#NONE} when it knows none. */
    SessionLoad sessions(int networkId);

    /**
     * Whether the figures are current. While they are not, {@link #sessions(int)} answers
     * {@link SessionLoad#NONE}: the decision then weighs the mobiles and the newcomer's own kbit/s only.
     */
    default boolean known() {
        return true;
    }

    /** One line for the operator (mimm:networks): where the figures come from, how fresh, what failed. */
    String describe();

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
