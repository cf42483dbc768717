package net.homeagent.ha.registration;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import net.homeagent.mip.api.SecurityAssociation;

/**
 * Replay protection of RFC 5944 §5.7 with the style of the mobile node's security association:
 * checks a request's Identification and computes the reply's.
 */
final class ReplayGuard {
    private static final long LOW_32 = 0xffff_ffffL;

    private final ReplayState state;
    private final Clock clock;
    private final long skewUnits;

    ReplayGuard(ReplayState state, Clock clock, Duration timestampSkew) {
        this.state = state;
        this.clock = clock;
        this.skewUnits = NtpTime.units(timestampSkew.toSeconds());
    }

    /**
     * @param lastInBindings the identification of the node's newest binding, used when no replay
     *                       state is kept for it (after a restart)
     * @return why the identification is not fresh, or empty when it is (and is now remembered)
     */
    Optional<RefusalReason> check(SecurityAssociation sa, long identification, Supplier<OptionalLong> lastInBindings) {
        return switch (sa.replay()) {
            case TIMESTAMP -> checkTimestamp(sa, identification, lastInBindings);
            // §5.7.2: the high-order 32 bits must be the nonce this home agent sent in its last reply
            case NONCE -> state.consumeNonce(sa, (int) (identification >>> 32)) ? Optional.empty()
                    : Optional.of(RefusalReason.NONCE_MISMATCH);
        };
    }

    private Optional<RefusalReason> checkTimestamp(SecurityAssociation owner, long identification,
            Supplier<OptionalLong> lastInBindings) {
        // §5.7.1: the timestamp must be close enough to the home agent's time of day. Subtracting
        // 64-bit NTP values modulo 2^64 keeps the check right across the 2036 NTP era wrap.
        long difference = identification - NtpTime.of(clock.instant());
        if (difference > skewUnits || difference < -skewUnits) {
            return Optional.of(RefusalReason.TIMESTAMP_SKEW);
        }
        // §5.7.1: and greater than the identification of the last accepted request. It is
        // remembered as soon as it passes, so a copy arriving at the same time cannot pass too.
        return state.advance(owner, identification, lastInBindings) ? Optional.empty()
                : Optional.of(RefusalReason.IDENTIFICATION_NOT_INCREASING);
    }

    /**
     * The Identification of the reply to an authenticated request.
     *
     * @param mismatch whether the request is being refused with 133 (identification mismatch)
     */
    long replyIdentification(SecurityAssociation sa, long requestIdentification, boolean mismatch) {
        long mobileNodePart = requestIdentification & LOW_32;
        return switch (sa.replay()) {
            // §5.7.1: the request's Identification; on a mismatch the high-order 32 bits are the
            // home agent's own time so that the mobile node can resynchronize its clock.
            case TIMESTAMP -> mismatch ? (NtpTime.of(clock.instant()) & ~LOW_32) | mobileNodePart : requestIdentification;
            // §5.7.2: every reply carries a new home agent nonce (high-order bits) for the next
            // request and echoes the mobile node's nonce (low-order bits).
            case NONCE -> (Integer.toUnsignedLong(state.issueNonce(sa)) << 32) | mobileNodePart;
        };
    }
}
