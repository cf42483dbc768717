package net.homeagent.mip.codec.mimm;

/**
 * Why the network tells a mobile to leave (a reactive advice, docs/protocols.md "MIMM reactive
 * advice"); one octet on the wire, the same numbers as the {@code mimmAlertReason} of
 * HOMEAGENT-MIMM-MIB, so that a monitoring entity's trap is passed on unchanged.
 */
public enum AlertReason implements WireCode {
    CONGESTION(1), OUTAGE(2), MAINTENANCE(3), SECURITY(4), OTHER(5);

    private final int code;

    AlertReason(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The reason with this code; empty for a value version 1 does not define (since 1.1.0). */
    public static java.util.Optional<AlertReason> ofCode(int code) {
        return WireCode.of(AlertReason.class, code);
    }
}
