package net.homeagent.ha.registration;

import net.homeagent.mip.codec.ReplyCode;

/**
 * Why a request was refused or dropped: the counter key ({@link #shortName()}) and the reply code
 * it is answered with. The RFC section that decides each is named where the check is made.
 */
public enum RefusalReason {
    /** The codec could read the header but not the rest (RFC 5944 §3.8.2.1): answered 134. */
    MALFORMED("malformed", ReplyCode.POORLY_FORMED_REQUEST),
    /** Not even the header could be read, or a non-skippable unknown extension (RFC 5944 §1.9). */
    UNDECODABLE("undecodable", RefusalReason.DISCARD),
    /** A message other than a Registration Request reached the home agent's port. */
    NOT_A_REQUEST("not-a-request", RefusalReason.DISCARD),
    NO_AUTHORIZATION_EXTENSION("no-auth-extension", ReplyCode.POORLY_FORMED_REQUEST),
    MULTIPLE_AUTHORIZATION_EXTENSIONS("several-auth-extensions", ReplyCode.POORLY_FORMED_REQUEST),
    /** An FA-HA extension before the MN-HA or MN-FA extension it must follow (RFC 5944 §3.6.1.3). */
    MISPLACED_FA_HA_EXTENSION("misplaced-fa-ha-extension", ReplyCode.POORLY_FORMED_REQUEST),
    ZERO_HOME_ADDRESS_WITHOUT_NAI("zero-home-address-no-nai", ReplyCode.POORLY_FORMED_REQUEST),
    ZERO_CARE_OF_ADDRESS("zero-care-of-address", ReplyCode.POORLY_FORMED_REQUEST),
    /** Only an MN-AAA extension, which needs the AAA role this home agent does not have yet. */
    NO_MN_HA_EXTENSION("no-mn-ha-extension", ReplyCode.MN_FAILED_AUTHENTICATION),
    UNKNOWN_SPI("unknown-spi", ReplyCode.MN_FAILED_AUTHENTICATION),
    BAD_AUTHENTICATOR("bad-authenticator", ReplyCode.MN_FAILED_AUTHENTICATION),
    /** RFC 5944 §3.8.2.1: the foreign agent shares an association with us but sent no FA-HA extension. */
    NO_FA_HA_EXTENSION("no-fa-ha-extension", ReplyCode.FA_FAILED_AUTHENTICATION),
    FA_UNKNOWN_SPI("fa-unknown-spi", ReplyCode.FA_FAILED_AUTHENTICATION),
    FA_BAD_AUTHENTICATOR("fa-bad-authenticator", ReplyCode.FA_FAILED_AUTHENTICATION),
    TIMESTAMP_SKEW("timestamp-skew", ReplyCode.IDENTIFICATION_MISMATCH),
    IDENTIFICATION_NOT_INCREASING("identification-not-increasing", ReplyCode.IDENTIFICATION_MISMATCH),
    NONCE_MISMATCH("nonce-mismatch", ReplyCode.IDENTIFICATION_MISMATCH),
    UNKNOWN_HOME_AGENT("unknown-home-agent", ReplyCode.UNKNOWN_HOME_AGENT_ADDRESS),
    CVSE_FROM_MOBILE_NODE("cvse-from-mn", ReplyCode.CVSE_FROM_MN_UNINTERPRETABLE),
    CVSE_FROM_FOREIGN_AGENT("cvse-from-fa", ReplyCode.CVSE_FROM_FA_UNINTERPRETABLE),
    /** The NAI's security association does not cover the home address asked for. */
    HOME_ADDRESS_NOT_AUTHORIZED("home-address-not-authorized", ReplyCode.ADMINISTRATIVELY_PROHIBITED),
    ENCAPSULATION_UNAVAILABLE("encapsulation-unavailable", ReplyCode.ENCAPSULATION_UNAVAILABLE),
    REVERSE_TUNNEL_UNAVAILABLE("reverse-tunnel-unavailable", ReplyCode.REVERSE_TUNNEL_UNAVAILABLE),
    REVERSE_TUNNEL_MANDATORY("reverse-tunnel-mandatory", ReplyCode.REVERSE_TUNNEL_MANDATORY),
    UDP_TUNNEL_UNAVAILABLE("udp-tunnel-unavailable", ReplyCode.UDP_ENCAPSULATION_UNAVAILABLE),
    NO_ADDRESS_POOL("no-address-pool", ReplyCode.INSUFFICIENT_RESOURCES),
    POOL_EXHAUSTED("pool-exhausted", ReplyCode.INSUFFICIENT_RESOURCES),
    TOO_MANY_BINDINGS("too-many-bindings", ReplyCode.TOO_MANY_SIMULTANEOUS_BINDINGS),
    /**
     * A {@link net.homeagent.mip.api.RegistrationPolicy} or vendor extension handler refused or
     * discarded; its own reason follows the colon, its own code is sent.
     */
    POLICY("policy", ReplyCode.ADMINISTRATIVELY_PROHIBITED),
    /** No verdict from the policy stage within {@code policyTimeout} (see RegistrationProcessor). */
    POLICY_TIMEOUT("policy-timeout", ReplyCode.INSUFFICIENT_RESOURCES),
    /** A newer registration of the node was written while this one waited for the policy stage. */
    SUPERSEDED("superseded", RefusalReason.DISCARD),
    /** A fault of this home agent (a bug, a failing binding store): 128, reason unspecified. */
    INTERNAL_ERROR("internal-error", ReplyCode.REASON_UNSPECIFIED);

    /** {@link #replyCode()} of a request dropped without an answer. */
    public static final int DISCARD = -1;

    private final String shortName;
    private final int replyCode;

    RefusalReason(String shortName, int replyCode) {
        this.shortName = shortName;
        this.replyCode = replyCode;
    }

    /** The counter key, e.g. {@code bad-authenticator}. */
    public String shortName() {
        return shortName;
    }

    /** The reply code sent, or {@link #DISCARD}. */
    public int replyCode() {
        return replyCode;
    }
}
