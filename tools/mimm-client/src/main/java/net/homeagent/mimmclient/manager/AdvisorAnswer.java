package net.homeagent.mimmclient.manager;

import java.time.Duration;
import java.util.Optional;

import net.homeagent.mip.codec.mimm.HandoffAdvice;

/** What came of asking the advisor. */
public sealed interface AdvisorAnswer {

    /**
     * The advisor answered (go, not now, no), authenticated.
     *
     * @param granted for a go that completed the registration (merged mode), the lifetime the reply
     *                grants (RFC 5944 §3.4); else empty
     */
    record Advised(HandoffAdvice advice, Optional<Duration> granted) implements AdvisorAnswer {

        /** Advice that registered nothing, or whose lifetime is not known. */
        public Advised(HandoffAdvice advice) {
            this(advice, Optional.empty());
        }
    }

    /**
     * Nobody advised: no advisor at the home agent (140), no authentic reply in time, or a reply
     * without a readable Handoff Advice. The manager then moves on its own only when it must.
     */
    record NoAdvice(String why) implements AdvisorAnswer {
    }
}
