package net.homeagent.delegation.pha;

/** The two orders of events of the issue: when the registration reply goes relative to the SHA's ack. */
public enum ReplyOrder {
    /** (a) the reply waits for the Start Forwarding Ack; a refusal or a timeout leaves the mobile at the PHA. */
    AFTER_ACK("after-ack"),
    /** (b) the reply goes at once; the PHA forwards until the ack, then stops its own interception. */
    AT_ONCE("at-once");

    private final String text;

    ReplyOrder(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** @throws IllegalArgumentException naming the key for any other text */
    public static ReplyOrder parse(String text) {
        for (ReplyOrder order : values()) {
            if (order.text.equals(text.trim())) {
                return order;
            }
        }
        throw new IllegalArgumentException("order: '" + text + "' is neither after-ack nor at-once");
    }
}
