package net.homeagent.mip.codec;

import java.util.Map;

/**
 * Registration Reply codes a home agent sends, RFC 5944 §3.4 and the RFCs that extend the
 * registry (3024 reverse tunnelling, 3115 vendor extensions, 3519 UDP tunnelling).
 */
public final class ReplyCode {
    public static final int ACCEPTED = 0;
    /** Accepted, but simultaneous mobility bindings unsupported (RFC 5944 §3.4). */
    public static final int ACCEPTED_NO_SIMULTANEOUS = 1;
    public static final int REASON_UNSPECIFIED = 128;
    public static final int ADMINISTRATIVELY_PROHIBITED = 129;
    public static final int INSUFFICIENT_RESOURCES = 130;
    public static final int MN_FAILED_AUTHENTICATION = 131;
    public static final int FA_FAILED_AUTHENTICATION = 132;
    public static final int IDENTIFICATION_MISMATCH = 133;
    public static final int POORLY_FORMED_REQUEST = 134;
    public static final int TOO_MANY_SIMULTANEOUS_BINDINGS = 135;
    public static final int UNKNOWN_HOME_AGENT_ADDRESS = 136;
    /** RFC 3024 §3.3. */
    public static final int REVERSE_TUNNEL_UNAVAILABLE = 137;
    /** RFC 3024 §3.3. */
    public static final int REVERSE_TUNNEL_MANDATORY = 138;
    /** RFC 5944 §3.4 / RFC 3024. */
    public static final int ENCAPSULATION_UNAVAILABLE = 139;
    /** RFC 3115 §4.2: unsupported Vendor-ID or unable to interpret the CVSE sent by the mobile node. */
    public static final int CVSE_FROM_MN_UNINTERPRETABLE = 140;
    /** RFC 3115 §4.2: the same for a CVSE sent by the foreign agent. */
    public static final int CVSE_FROM_FA_UNINTERPRETABLE = 141;
    /** RFC 3519 §3.2: requested UDP tunnelling not available. */
    public static final int UDP_ENCAPSULATION_UNAVAILABLE = 142;

    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(ACCEPTED, "accepted"),
            Map.entry(ACCEPTED_NO_SIMULTANEOUS, "accepted, simultaneous bindings unsupported"),
            Map.entry(REASON_UNSPECIFIED, "reason unspecified"),
            Map.entry(ADMINISTRATIVELY_PROHIBITED, "administratively prohibited"),
            Map.entry(INSUFFICIENT_RESOURCES, "insufficient resources"),
            Map.entry(MN_FAILED_AUTHENTICATION, "mobile node failed authentication"),
            Map.entry(FA_FAILED_AUTHENTICATION, "foreign agent failed authentication"),
            Map.entry(IDENTIFICATION_MISMATCH, "registration identification mismatch"),
            Map.entry(POORLY_FORMED_REQUEST, "poorly formed request"),
            Map.entry(TOO_MANY_SIMULTANEOUS_BINDINGS, "too many simultaneous mobility bindings"),
            Map.entry(UNKNOWN_HOME_AGENT_ADDRESS, "unknown home agent address"),
            Map.entry(REVERSE_TUNNEL_UNAVAILABLE, "requested reverse tunnel unavailable"),
            Map.entry(REVERSE_TUNNEL_MANDATORY, "reverse tunnel is mandatory and 'T' bit not set"),
            Map.entry(ENCAPSULATION_UNAVAILABLE, "requested encapsulation unavailable"),
            Map.entry(CVSE_FROM_MN_UNINTERPRETABLE, "unable to interpret CVSE sent by mobile node"),
            Map.entry(CVSE_FROM_FA_UNINTERPRETABLE, "unable to interpret CVSE sent by foreign agent"),
            Map.entry(UDP_ENCAPSULATION_UNAVAILABLE, "UDP encapsulation unavailable"));

    private ReplyCode() {
    }

    public static boolean isAccepted(int code) {
        return code == ACCEPTED || code == ACCEPTED_NO_SIMULTANEOUS;
    }

    /** A short human description, e.g. for {@code mip:stats}. */
    public static String describe(int code) {
        return DESCRIPTIONS.getOrDefault(code, "code " + code);
    }
}
