package net.homeagent.mimm.wire;

/**
 * Who the MIMM extensions belong to: the one place that names our Vendor/Org-ID and vendor types
 * (docs/protocols.md, "MIMM handoff extensions").
 */
public final class MimmVendor {

    /**
     * A placeholder until IANA assigns the project an SMI enterprise number: 32473 is the number
     * RFC 5612 reserves for documentation and examples, so it cannot clash with a real vendor's.
     */
    public static final long ENTERPRISE_NUMBER = 32473;

    /** Vendor-CVSE-Type of a Request Handoff (critical: an HA without the advisor must refuse it). */
    public static final int REQUEST_HANDOFF = 1;

    /** Vendor-NVSE-Type of a Handoff Advice (normal: a node that cannot read it skips it). */
    public static final int HANDOFF_ADVICE = 2;

    /** The version octet both messages start with; another version is refused, not guessed at. */
    public static final int VERSION = 1;

    private MimmVendor() {
    }
}
