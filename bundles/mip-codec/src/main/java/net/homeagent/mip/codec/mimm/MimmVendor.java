package net.homeagent.mip.codec.mimm;

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

    /**
     * Reply code of a Registration Reply refused by a not-now advice: a denial by the home agent
     * (RFC 5944 §3.4) from the range IANA has not assigned; a node that cannot read the Handoff
     * Advice still knows from it that the move was refused for now.
     */
    public static final int REPLY_HANDOFF_NOT_NOW = 200;

    /** Reply code of a Registration Reply refused by a no advice. */
    public static final int REPLY_HANDOFF_REFUSED = 201;

    /** The version octet both messages start with; another version is refused, not guessed at. */
    public static final int VERSION = 1;

    private MimmVendor() {
    }
}
