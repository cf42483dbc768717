package net.homeagent.mimm.network.kamailio;

/**
 * One dialog of kamailio's {@code dlg.list}: its state and the two contacts (the Contact URIs of
 * caller and callee, empty when kamailio has none yet).
 *
 * @param state kamailio's dialog state: 1 unconfirmed, 2 early, 3 confirmed without ACK, 4
 *              confirmed, 5 deleted (dialog module README, "Dialog states")
 */
record Dialog(int state, String callerContact, String calleeContact) {

    static final int CONFIRMED_NO_ACK = 3;
    static final int CONFIRMED = 4;

    /**
     * Whether media flows: the 2xx was sent (with or without its ACK yet). Unconfirmed and early
     * dialogs are calls still ringing; deleted ones are ended calls kamailio keeps a moment.
     */
    boolean established() {
        return state == CONFIRMED_NO_ACK || state == CONFIRMED;
    }
}
