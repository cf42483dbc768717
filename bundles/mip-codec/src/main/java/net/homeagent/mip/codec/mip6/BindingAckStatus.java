package net.homeagent.mip.codec.mip6;

import java.util.Optional;

/**
 * Status of a Binding Acknowledgement, RFC 6275 §6.1.8. Values below 128 accept the Binding
 * Update, 128 and up reject it; a value not in this table is kept as a number in the record
 * (IANA adds codes) and described by {@link #describe(int)}.
 *
 * <pre>
 *   0 Binding Update accepted
 *   1 Accepted but prefix discovery necessary
 * 128 Reason unspecified
 * 129 Administratively prohibited
 * 130 Insufficient resources
 * 131 Home registration not supported
 * 132 Not home subnet
 * 133 Not home agent for this mobile node
 * 134 Duplicate Address Detection failed
 * 135 Sequence number out of window
 * 136 Expired home nonce index
 * 137 Expired care-of nonce index
 * 138 Expired nonces
 * 139 Registration type change disallowed
 * </pre>
 */
public enum BindingAckStatus {
    ACCEPTED(0, "Binding Update accepted"),
    ACCEPTED_PREFIX_DISCOVERY_NECESSARY(1, "Accepted but prefix discovery necessary"),
    REASON_UNSPECIFIED(128, "Reason unspecified"),
    ADMINISTRATIVELY_PROHIBITED(129, "Administratively prohibited"),
    INSUFFICIENT_RESOURCES(130, "Insufficient resources"),
    HOME_REGISTRATION_NOT_SUPPORTED(131, "Home registration not supported"),
    NOT_HOME_SUBNET(132, "Not home subnet"),
    NOT_HOME_AGENT_FOR_THIS_MOBILE_NODE(133, "Not home agent for this mobile node"),
    DUPLICATE_ADDRESS_DETECTION_FAILED(134, "Duplicate Address Detection failed"),
    SEQUENCE_NUMBER_OUT_OF_WINDOW(135, "Sequence number out of window"),
    EXPIRED_HOME_NONCE_INDEX(136, "Expired home nonce index"),
    EXPIRED_CARE_OF_NONCE_INDEX(137, "Expired care-of nonce index"),
    EXPIRED_NONCES(138, "Expired nonces"),
    REGISTRATION_TYPE_CHANGE_DISALLOWED(139, "Registration type change disallowed");

    private final int code;
    private final String text;

    BindingAckStatus(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The value of the Status field. */
    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    public boolean isAccepted() {
        return isAccepted(code);
    }

    public static boolean isAccepted(int code) {
        return code < 128;
    }

    public static Optional<BindingAckStatus> of(int code) {
        for (BindingAckStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** "135 Sequence number out of window", or "200 unknown (rejected)" for a code not in the table. */
    public static String describe(int code) {
        return of(code).map(s -> code + " " + s.text)
                .orElseGet(() -> code + " unknown (" + (isAccepted(code) ? "accepted" : "rejected") + ")");
    }
}
